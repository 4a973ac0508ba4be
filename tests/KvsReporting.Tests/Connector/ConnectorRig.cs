using KvsReporting.Aws.CloudFormation;
using KvsReporting.Tests.Aws.Clients;
using KvsReporting.Tests.Aws.TestDouble;
using KvsReporting.Tests.QuickSight;

namespace KvsReporting.Tests.Connector;

/// <summary>
/// The module pointed at the test double: SAR served by the double (change sets created in moto's
/// CloudFormation), everything else forwarded to moto with signatures checked there.
/// </summary>
public sealed class ConnectorRig : IDisposable
{
    private readonly CloudFormationClient cloudFormation;

    public ConnectorRig(bool ownAthenaCatalogs = false)
    {
        Cmdlets = new CmdletRig();
        cloudFormation = Cmdlets.Aws.Client<CloudFormationClient>(CloudFormationClient.Description);
        Double = new AwsTestDouble(Cmdlets.Aws.Endpoint);
        Sar = new FakeServerlessRepo(cloudFormation);
        Double.Serve(ServiceModel.Load(Cmdlets.Aws.BotocoreData, "serverlessrepo"), Sar.Handle);
        QuickSight = new FakeQuickSight(Cmdlets.Aws.Region);
        Double.Serve(ServiceModel.Load(Cmdlets.Aws.BotocoreData, "quicksight"), QuickSight.Handle);
        if (ownAthenaCatalogs)
        {
            Catalogs = new FakeAthenaCatalogs();
            Double.Serve(ServiceModel.Load(Cmdlets.Aws.BotocoreData, "athena"), Catalogs.Handle);
            Double.ServeOnly = FakeAthenaCatalogs.Operations.Contains;
        }
    }

    public CmdletRig Cmdlets { get; }

    public AwsTestDouble Double { get; }

    public FakeServerlessRepo Sar { get; }

    public FakeAthenaCatalogs? Catalogs { get; }

    public FakeQuickSight QuickSight { get; }

    public CloudFormationClient CloudFormation => cloudFormation;

    /// <summary>Where the module's requests go: the double, or a fault proxy in front of it.</summary>
    public Uri Entry { get; set; } = null!;

    /// <summary>Runs a script with @conn pointing every service at the double (or at <see cref="Entry"/>).</summary>
    public (IReadOnlyList<System.Management.Automation.PSObject> Output, IReadOnlyList<System.Management.Automation.ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? more = null)
    {
        var variables = Cmdlets.Variables(more);
        ((System.Collections.Hashtable)variables["conn"]!)["EndpointUrl"] = (Entry ?? Double.Endpoint).ToString();
        var (output, errors) = Cmdlets.Session.Run(script, variables);
        return (output.ToList(), errors);
    }

    public void Dispose()
    {
        Double.Dispose();
        cloudFormation.Dispose();
        Cmdlets.Dispose();
    }
}
