using KvsReporting.Reports;
using Xunit;

namespace KvsReporting.Tests.Reports;

[Collection("Serial")]
public sealed class PlateHistoryTests : IClassFixture<SummaryDataFixture>, IDisposable
{
    private readonly DetectionFixture data;
    private readonly PowerShellSession session = ReportSession.Create();

    public PlateHistoryTests(SummaryDataFixture fixture) => data = fixture.Data;

    [Fact]
    public void Every_sighting_comes_in_order_with_the_gap_since_the_previous_one()
    {
        var plate = data.Counted.GroupBy(r => r.LicensePlate).OrderByDescending(g => g.Count()).First().Key!;
        var sightings = History("Get-KvsPlateHistory -Local $p -LicensePlate $plate", plate);
        var expected = data.Counted.Where(r => r.LicensePlate == plate).OrderBy(r => r.Time).ThenBy(r => r.ImageName, StringComparer.Ordinal).ToList();

        Assert.Equal(expected.Count, sightings.Count);
        Assert.Equal(expected.Select(e => e.ImageName), sightings.Select(s => s.ImageName));
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), sightings.Select(s => s.Sighting));
        Assert.Null(sightings[0].SincePrevious);
        for (var i = 1; i < sightings.Count; i++)
        {
            var gap = expected[i].Time!.Value - expected[i - 1].Time!.Value;
            Assert.True((gap - sightings[i].SincePrevious!.Value).Duration() <= TimeSpan.FromMilliseconds(1), $"gap {sightings[i].SincePrevious} instead of {gap}");
        }

        Assert.All(sightings, s => Assert.Equal(s.ImageName.Split('/')[0], s.Camera));
        Assert.Equal($"s3://kvs-frames/{sightings[0].ImageName}", sightings[0].ImageUri);
    }

    [Fact]
    public void Several_plates_wildcards_and_lower_case_input_are_all_traced()
    {
        var plates = data.Counted.Select(r => r.LicensePlate!).Distinct().OrderBy(p => p, StringComparer.Ordinal).Take(2).ToList();
        var sightings = History("Get-KvsPlateHistory -Local $p -LicensePlate $plate", new[] { plates[0].ToLowerInvariant(), plates[1] });
        Assert.Equal(data.Counted.Count(r => plates.Contains(r.LicensePlate!)), sightings.Count);

        var prefix = plates[0][..2];
        var wild = History("Get-KvsPlateHistory -Local $p -LicensePlate $plate", prefix + "*");
        Assert.Equal(data.Counted.Count(r => r.LicensePlate!.StartsWith(prefix, StringComparison.Ordinal)), wild.Count);
    }

    [Fact]
    public void An_unknown_plate_is_a_non_terminating_not_found_error()
    {
        var known = data.Counted.First().LicensePlate!;
        var (output, errors) = session.Run("Get-KvsPlateHistory -Local $p -LicensePlate 'NOPE-0000', $k",
            new Dictionary<string, object?> { ["p"] = data.Folder, ["k"] = known });
        Assert.NotEmpty(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsGetPlateHistoryPlateNotFound", error.FullyQualifiedErrorId);
        Assert.Equal("NOPE-0000", error.TargetObject);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("x'); DROP TABLE licenseplatedetections; --")]
    [InlineData("%")]
    [InlineData("_")]
    public void Injection_attempts_stay_data(string hostile)
    {
        var (output, errors) = session.Run("Get-KvsPlateHistory -Local $p -LicensePlate $h",
            new Dictionary<string, object?> { ["p"] = data.Folder, ["h"] = hostile });
        Assert.Empty(output); // a LIKE metacharacter typed by the user matches only itself
        Assert.Single(errors);
        var (still, _) = session.Run("Get-KvsDetectionSummary -Local $p -By Camera | Measure-Object Detections -Sum | ForEach-Object Sum",
            new Dictionary<string, object?> { ["p"] = data.Folder });
        Assert.Equal(data.Counted.Count(), Convert.ToInt64(still.Single().BaseObject));
    }

    private List<SightingRow> History(string script, object plate)
    {
        var (output, errors) = session.Run(script, new Dictionary<string, object?> { ["p"] = data.Folder, ["plate"] = plate });
        Assert.Empty(errors);
        return output.Select(o => SightingRow.From(o)).ToList();
    }

    public void Dispose() => session.Dispose();
}
