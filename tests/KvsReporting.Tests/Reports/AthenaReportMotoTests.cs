using System.Management.Automation;
using KvsReporting.Tests.Queries;
using Xunit;

namespace KvsReporting.Tests.Reports;

/// <summary>
/// The report cmdlets on the AWS path, against moto: the summary SQL goes to Athena (StartQueryExecution with
/// execution parameters, signed), and Athena's typed result comes back as report objects. moto does not run SQL,
/// so the result rows are queued through its control API, typed as Athena types them.
/// </summary>
[Collection("AthenaQueue")]
public sealed class AthenaReportMotoTests : IDisposable
{
    private static readonly MotoColumn[] SummaryColumns =
    [
        new("group_key", "varchar"), new("detections", "bigint"), new("distinct_plates", "bigint"),
        new("avg_confidence", "double"), new("min_confidence", "double"), new("max_confidence", "double"),
        new("first_seen", "timestamp(3)"), new("last_seen", "timestamp(3)"), new("percent", "double"),
    ];

    private readonly AthenaMotoRig rig = AthenaMotoRig.Shared;
    private readonly PowerShellSession session = new();

    [Fact]
    public void A_summary_runs_on_Athena_and_maps_its_typed_result()
    {
        var bucket = rig.NewBucket();
        rig.QueueSelect(SummaryColumns,
        [
            ["gate-north", "120", "80", "93.25", "80.01", "99.99", "2025-06-01 00:01:02.345", "2025-06-07 23:58:00.000", "60.0"],
            ["gate-south", "80", "61", "91.5", null, null, "2025-06-01 03:00:00.000", "2025-06-07 21:00:00.000", "40.0"],
        ]);

        using var ps = session.Create();
        foreach (var (name, value) in rig.Variables())
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript($"Get-KvsDetectionSummary -By Camera -Top 2 -After '2025-06-01' -Before '2025-06-08' -Database kvsworkshop_db -OutputLocation 's3://{bucket}/results/' {AthenaMotoRig.Connection} -Verbose");
        var output = ps.Invoke().Select(SummaryRow.From).ToList();
        Assert.Empty(ps.Streams.Error);

        Assert.Equal(["gate-north", "gate-south"], output.Select(r => r.Key));
        Assert.All(output, r => Assert.Equal("Camera", r.Dimension));
        Assert.Equal(120, output[0].Detections);
        Assert.Equal(80, output[0].DistinctPlates);
        Assert.Equal(93.25, output[0].AvgConfidence);
        Assert.Null(output[1].MinConfidence);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 1, 2, 345, TimeSpan.Zero), output[0].First);
        Assert.Equal(60.0, output[0].Percent);
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("Athena", StringComparison.Ordinal) && v.Message.Contains("Athena SQL", StringComparison.Ordinal));
    }

    [Fact]
    public void Athena_failures_are_reported_for_the_report_cmdlet()
    {
        using var ps = session.Create();
        foreach (var (name, value) in rig.Variables())
        {
            ps.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        // A workgroup that does not exist: Athena refuses the query.
        ps.AddScript($"Get-KvsDetectionSummary -By Hour -WorkGroup no-such-workgroup-{Guid.NewGuid():N} -OutputLocation 's3://nowhere/results/' {AthenaMotoRig.Connection}");
        _ = ps.Invoke();
        var error = Assert.Single(ps.Streams.Error);
        Assert.DoesNotContain("   at KvsReporting", error.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
    }

    public void Dispose() => session.Dispose();
}
