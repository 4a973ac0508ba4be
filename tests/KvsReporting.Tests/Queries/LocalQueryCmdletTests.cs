using System.Management.Automation;
using KvsReporting.Tests.Local;
using Xunit;

namespace KvsReporting.Tests.Queries;

/// <summary>The query cmdlets on a local stack (real DuckDB in a temporary folder), same parameters as on Athena.</summary>
public sealed class LocalQueryCmdletTests : IDisposable
{
    private const int Count = 400;
    private readonly TempStack stack = new();
    private readonly PowerShellSession session = new();

    public LocalQueryCmdletTests() => stack.CrawlSample(Count);

    private (List<PSObject> Output, List<ErrorRecord> Errors, List<string> Warnings) Run(string script, object? extra = null)
    {
        using var ps = session.Create();
        ps.Runspace.SessionStateProxy.SetVariable("folder", stack.Folder);
        ps.Runspace.SessionStateProxy.SetVariable("extra", extra);
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        return (output, ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList());
    }

    private static string Image(PSObject o) => (string)o.Properties["ImageName"].Value;

    [Fact]
    public void Get_KvsDetection_filters_like_the_same_filter_over_the_items()
    {
        var sample = TempStack.Sample(Count);
        var plate = sample[3].LicensePlate;
        var prefix = plate[..2];
        var after = new DateTimeOffset(2025, 6, 4, 0, 0, 0, TimeSpan.Zero);
        var expected = sample
            .Where(d => d.LicensePlate.StartsWith(prefix, StringComparison.Ordinal) && d.Confidence >= 85m && d.Timestamp >= after)
            .Select(d => d.ImageName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var result = Run("Get-KvsDetection -Local $folder -LicensePlate $extra -MinConfidence 85 -After ([DateTimeOffset]'2025-06-04T00:00:00Z')", prefix.ToLowerInvariant() + "*");
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Output.Select(Image).Order(StringComparer.Ordinal));
        Assert.All(result.Output, o => Assert.Equal("KvsReporting.Detections.LicensePlateDetection", o.BaseObject.GetType().FullName));
        var one = result.Output[0];
        Assert.IsType<decimal>(one.Properties["Confidence"].Value);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)one.Properties["Timestamp"].Value).Offset);
        Assert.NotNull(one.Properties["Camera"].Value); // the sample keys carry camera and frame time
        Assert.NotNull(one.Properties["FrameTime"].Value);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("x'; DROP TABLE kvsworkshop_db.licenseplatedetections; --")]
    [InlineData("%")]
    public void Injection_attempts_stay_data_on_the_embedded_engine(string attack)
    {
        Assert.Empty(Run("Get-KvsDetection -Local $folder -LicensePlate $extra", attack).Output);
        Assert.Empty(Run("Get-KvsDetection -Local $folder -ImageName $extra", attack).Output);
        Assert.Empty(Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT image_name FROM licenseplatedetections WHERE license_plate = ?' -Parameter $extra", attack).Output);
        var count = Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT count(*) AS n FROM licenseplatedetections'").Output.Single();
        Assert.Equal((long)Count, count.Properties["n"].Value);
    }

    [Fact]
    public void The_seed_query_maps_to_detections_and_First_takes_the_oldest()
    {
        var seed = Run("Invoke-KvsAthenaQuery -Local $folder -Catalog kvsworkshop -Database default -Query 'SELECT * FROM \"default\".\"licenseplatedetections\" limit 10' -As Detection");
        Assert.Empty(seed.Errors);
        Assert.Equal(10, seed.Output.Count);

        var oldest = TempStack.Sample(Count).OrderBy(d => d.Timestamp).ThenBy(d => d.ImageName, StringComparer.Ordinal).Take(5).Select(d => d.ImageName);
        var first = Run("Get-KvsReportingStack -Local $folder | Get-KvsDetection -First 5");
        Assert.Empty(first.Errors);
        Assert.Equal(oldest, first.Output.Select(Image));
    }

    [Fact]
    public void As_Detection_on_a_result_without_image_name_says_so()
    {
        var result = Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS x' -As Detection");
        var error = Assert.Single(result.Errors);
        Assert.Equal("KvsInvokeQueryNotDetections", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("image_name", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PassThru_describes_a_local_run_without_cost()
    {
        var result = Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS one, 2 AS one' -PassThru");
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(new[] { "one", "one_2" }, result.Output[0].Properties.Select(p => p.Name));
        var execution = result.Output[1];
        Assert.Equal("Local", execution.Properties["Engine"].Value);
        Assert.Equal(0m, execution.Properties["EstimatedCostUsd"].Value);
    }

    public void Dispose()
    {
        session.Dispose();
        stack.Dispose();
    }
}
