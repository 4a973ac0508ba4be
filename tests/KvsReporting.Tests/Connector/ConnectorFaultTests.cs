using KvsReporting.Tests.Aws;
using Xunit;

namespace KvsReporting.Tests.Connector;

/// <summary>
/// The connector and data-set workflows through tests/rig/fault-proxy.py (throttling, 5xx, dropped connections)
/// in front of the double: they still finish, and a create the service had applied is not applied twice.
/// </summary>
[Collection("Moto")]
public sealed class ConnectorFaultTests
{
    [Fact]
    public void Deploy_and_data_set_complete_through_injected_faults()
    {
        using var rig = new ConnectorRig();
        using var proxy = new FaultProxy(rig.Double.Endpoint.ToString().TrimEnd('/'), rate: 0.25, seed: 7);
        rig.Entry = proxy.Uri;
        var name = "KVSFault" + Guid.NewGuid().ToString("N")[..6];
        var vars = new Dictionary<string, object?> { ["name"] = name, ["id"] = "kvs-ds-" + name.ToLowerInvariant() };
        var (output, errors) = rig.Run(
            "New-KvsAthenaDataSource @conn -Name $name -SpillBucket kvs-spill-bucket -Wait -TimeoutSeconds 120; " +
            "New-KvsQuickSightDataSet @conn -DataSetId $id -AwsAccountId 123456789012 -Catalog $name -Wait -TimeoutSeconds 120", vars);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        Assert.Equal(["Created", "Created"], output.Select(o => (string)o.Properties["Status"].Value));
        Assert.True(proxy.Stats().GetProperty("injectedTotal").GetInt32() > 0);
        Assert.Equal(1, rig.Sar.ChangeSetsCreated);
        Assert.Equal(1, rig.QuickSight.Writes.Count(w => w == "CreateDataSet"));
        Assert.True(rig.Double.Violations.Count == 0, string.Join("\n", rig.Double.Violations));
    }

    [Fact]
    public void A_change_set_request_SAR_applied_but_answered_with_500_is_retried_with_the_same_client_token()
    {
        using var rig = new ConnectorRig();
        using var proxy = new FaultProxy(rig.Double.Endpoint.ToString().TrimEnd('/'), rate: 0, seed: 1, kinds: "internal500", mode: "after");
        rig.Entry = proxy.Uri;
        // GetDataCatalog, GetFunction, DescribeStacks, GetApplication forwarded; CreateCloudFormationChangeSet applied, then 500.
        proxy.Queue("none", "none", "none", "none", "internal500");
        var name = "KVSRetry" + Guid.NewGuid().ToString("N")[..6];
        var (output, errors) = rig.Run("New-KvsAthenaDataSource @conn -Name $name -SpillBucket kvs-spill-bucket -Wait -TimeoutSeconds 120", new Dictionary<string, object?> { ["name"] = name });
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        Assert.Equal("Created", Assert.Single(output).Properties["Status"].Value);
        Assert.Equal(2, rig.Double.Calls.Count(c => c.Operation == "CreateCloudFormationChangeSet"));
        Assert.Equal(1, rig.Sar.ChangeSetsCreated);
    }
}
