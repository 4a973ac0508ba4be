using System.Globalization;
using System.Management.Automation;
using KvsReporting.Reports;
using Xunit;

namespace KvsReporting.Tests.Reports;

public sealed class SummaryDataFixture : IDisposable
{
    public SummaryDataFixture()
    {
        var rows = DetectionFixture.Generate(3000);
        // Drifted items as older Lambda versions left them: the summaries must skip, not fail on, them.
        rows.Add(new SeedDetection("gate-north/2025/06/03/10/x-1.jpg", null, 91.5, "kvs-frames", "2025-06-03T10:00:00.000000"));
        rows.Add(new SeedDetection("gate-north/2025/06/03/10/x-2.jpg", "ZZZ-0001", 90, "kvs-frames", "not a time"));
        rows.Add(new SeedDetection("gate-north/2025/06/03/10/x-3.jpg", "ZZZ-0002", null, "kvs-frames", "2025-06-03T10:00:01"));
        rows.Add(new SeedDetection("lobby/2025/06/03/11/x-4.jpg", "ZZZ-0003", 100, "kvs-frames", "2025-06-03T11:00:02.5"));
        Data = new DetectionFixture(rows);
    }

    internal DetectionFixture Data { get; }

    public void Dispose() => Data.Dispose();
}

[Collection("Serial")]
public sealed class DetectionSummaryTests : IClassFixture<SummaryDataFixture>, IDisposable
{
    private readonly DetectionFixture data;
    private readonly PowerShellSession session = ReportSession.Create();

    public DetectionSummaryTests(SummaryDataFixture fixture) => data = fixture.Data;

    public static TheoryData<SummaryDimension> Dimensions => new()
    {
        SummaryDimension.Hour, SummaryDimension.Day, SummaryDimension.Weekday,
        SummaryDimension.Plate, SummaryDimension.Camera, SummaryDimension.ConfidenceBand,
    };

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void Every_dimension_matches_the_detections_counted_independently(SummaryDimension by)
    {
        var rows = Summarize($"-By {by}");
        var expected = Expected(data.Counted, by);

        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), rows.Select(r => r.Key).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var group = expected[row.Key];
            Assert.Equal(by.ToString(), row.Dimension);
            Assert.Equal(group.Count, row.Detections);
            Assert.Equal(group.Select(g => g.LicensePlate).Distinct().Count(), row.DistinctPlates);
            var confidences = group.Where(g => g.Confidence is not null).Select(g => g.Confidence!.Value).ToList();
            if (confidences.Count > 0)
            {
                Assert.Equal(confidences.Average(), row.AvgConfidence!.Value, 0.0051);
                Assert.Equal(confidences.Min(), row.MinConfidence);
                Assert.Equal(confidences.Max(), row.MaxConfidence);
            }

            Assert.Equal(group.Min(g => g.Time!.Value), row.First!.Value.UtcDateTime);
            Assert.Equal(group.Max(g => g.Time!.Value), row.Last!.Value.UtcDateTime);
            Assert.Equal(Math.Round(100.0 * group.Count / data.Counted.Count(), 2), row.Percent, 0.0001);
        }
    }

    [Fact]
    public void Time_dimensions_come_in_time_order_and_plates_busiest_first()
    {
        var hours = Summarize("-By Hour").Select(r => r.Key).ToList();
        Assert.Equal(hours.OrderBy(h => h, StringComparer.Ordinal), hours);
        var weekdays = Summarize("-By Weekday").Select(r => r.Key).ToList();
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], weekdays);
        var plates = Summarize("-By Plate").Select(r => r.Detections).ToList();
        Assert.Equal(plates.OrderByDescending(d => d), plates);
        var bands = Summarize("-By ConfidenceBand").Select(r => r.Key).ToList();
        Assert.Equal(["99-100", "unknown"], bands[^2..]); // 100.0 joins the top band; a missing confidence comes last
        Assert.Equal("80-81", bands[0]);
    }

    [Fact]
    public void Top_returns_the_busiest_groups_with_their_share_of_all()
    {
        var all = Summarize("-By Plate");
        var top = Summarize("-By Plate -Top 5");
        Assert.Equal(5, top.Count);
        Assert.Equal(all.Take(5).Select(r => (r.Key, r.Detections, r.Percent)), top.Select(r => (r.Key, r.Detections, r.Percent)));
        var busiestHour = Summarize("-By Hour -Top 1").Single();
        Assert.Equal(Summarize("-By Hour").Max(r => r.Detections), busiestHour.Detections);
    }

    [Fact]
    public void After_and_Before_bound_the_range_in_UTC()
    {
        var after = new DateTime(2025, 6, 5, 8, 0, 0);
        var before = new DateTime(2025, 6, 9, 17, 30, 0);
        var rows = Summarize("-By Day -After $a -Before $b", ("a", after), ("b", before));
        var expected = data.Counted.Where(r => r.Time >= after && r.Time < before).ToList();
        Assert.Equal(expected.Count, rows.Sum(r => r.Detections));
        Assert.True(rows.All(r => r.First!.Value.UtcDateTime >= after && r.Last!.Value.UtcDateTime < before));
        Assert.Equal(["2025-06-05", "2025-06-06", "2025-06-07", "2025-06-08", "2025-06-09"], rows.Select(r => r.Key));
    }

    [Fact]
    public void Summary_rows_carry_the_stack_so_plate_rows_pipe_into_plate_history()
    {
        var (output, errors) = session.Run(
            "Get-KvsDetectionSummary -By Plate -Top 2 -Local $p | Get-KvsPlateHistory",
            new Dictionary<string, object?> { ["p"] = data.Folder });
        Assert.Empty(errors);
        var sightings = output.Select(o => SightingRow.From(o)).ToList();
        var top = Summarize("-By Plate -Top 2");
        Assert.Equal(top.Sum(t => t.Detections), sightings.Count);
        Assert.Equal(top.Select(t => t.Key).ToHashSet(), sightings.Select(s => s.LicensePlate).ToHashSet());
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_an_argument_error()
    {
        var (_, errors) = Run("Get-KvsDetectionSummary -By Hour -Local $p -After '2025-06-09' -Before '2025-06-01'");
        var error = Assert.Single(errors);
        Assert.Equal("KvsGetDetectionSummaryInvalidRange,KvsReporting.Reports.GetKvsDetectionSummaryCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_missing_local_stack_names_the_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kvs-no-such-stack-" + Guid.NewGuid().ToString("N"));
        var (_, errors) = session.Run("Get-KvsDetectionSummary -By Hour -Local $p", new Dictionary<string, object?> { ["p"] = missing });
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsGetDetectionSummaryLocalStackNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(missing, error.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
    }

    [Fact]
    public void A_stack_object_from_the_pipeline_binds_by_LocalPath()
    {
        var (output, errors) = session.Run(
            "[pscustomobject]@{ LocalPath = $p; StackName = 'local' } | Get-KvsDetectionSummary -By Camera",
            new Dictionary<string, object?> { ["p"] = data.Folder });
        Assert.Empty(errors);
        Assert.Equal(data.Counted.Count(), output.Sum(o => SummaryRow.From(o).Detections));
    }

    internal static Dictionary<string, List<SeedDetection>> Expected(IEnumerable<SeedDetection> rows, SummaryDimension by) =>
        rows.GroupBy(r => by switch
        {
            SummaryDimension.Hour => r.Time!.Value.Hour.ToString("00", CultureInfo.InvariantCulture),
            SummaryDimension.Day => r.Time!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SummaryDimension.Weekday => r.Time!.Value.DayOfWeek.ToString(),
            SummaryDimension.Plate => r.LicensePlate!,
            SummaryDimension.Camera => r.Camera,
            SummaryDimension.ConfidenceBand => r.Confidence is { } c ? $"{Math.Min(Math.Floor(c), 99)}-{Math.Min(Math.Floor(c), 99) + 1}" : "unknown",
            _ => throw new ArgumentOutOfRangeException(nameof(by)),
        }).ToDictionary(g => g.Key, g => g.ToList());

    private List<SummaryRow> Summarize(string arguments, params (string Name, object Value)[] variables)
    {
        var (output, errors) = Run("Get-KvsDetectionSummary -Local $p " + arguments, variables);
        Assert.Empty(errors);
        return output.Select(o => SummaryRow.From(o)).ToList();
    }

    private (System.Collections.ObjectModel.Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, params (string Name, object Value)[] variables)
    {
        var vars = new Dictionary<string, object?> { ["p"] = data.Folder };
        foreach (var (name, value) in variables)
        {
            vars[name] = value;
        }

        return session.Run(script, vars);
    }

    public void Dispose() => session.Dispose();
}
