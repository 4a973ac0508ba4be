namespace KvsReporting.Reports;

/// <summary>Everything the HTML report shows, already aggregated by the engine; serialised into the page as
/// JSON. Property names are the page script's contract.</summary>
internal sealed class ReportData
{
    public string Title { get; set; } = string.Empty;

    public DateTimeOffset GeneratedAt { get; set; }

    public DateTime? After { get; set; }

    public DateTime? Before { get; set; }

    public string Source { get; set; } = string.Empty;

    public string ChartLibrary { get; set; } = string.Empty;

    public ReportTotals Totals { get; set; } = new();

    /// <summary>"day" or "hour": the unit of <see cref="TimeSeries"/>.</summary>
    public string TimeUnit { get; set; } = "day";

    public List<SeriesPoint> TimeSeries { get; set; } = [];

    /// <summary>Detections per [weekday 0 = Monday][hour 0..23].</summary>
    public long[][] HourByWeekday { get; set; } = [];

    public List<SeriesPoint> TopPlates { get; set; } = [];

    public List<SeriesPoint> ConfidenceBands { get; set; } = [];

    public List<SeriesPoint> Cameras { get; set; } = [];

    public int RecentLimit { get; set; }

    public List<RecentDetection> Recent { get; set; } = [];
}

internal sealed class ReportTotals
{
    public long Detections { get; set; }

    public long DistinctPlates { get; set; }

    public long Cameras { get; set; }

    public double? AvgConfidence { get; set; }

    public DateTimeOffset? First { get; set; }

    public DateTimeOffset? Last { get; set; }
}

/// <summary>One bar or point: the group key and its engine-computed numbers.</summary>
internal sealed record SeriesPoint(string Key, long Detections, long DistinctPlates, double? AvgConfidence)
{
    public static SeriesPoint From(KvsDetectionSummary s) => new(s.Key, s.Detections, s.DistinctPlates, s.AvgConfidence);
}

internal sealed record RecentDetection(
    DateTimeOffset? Timestamp, string? LicensePlate, double? Confidence, string? Camera, string? ImageName, string? BucketName);
