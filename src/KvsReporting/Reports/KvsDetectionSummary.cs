namespace KvsReporting.Reports;

/// <summary>
/// One group of a detection summary: how many detections fall in it, how many distinct plates, the confidence
/// spread and the first and last sighting. Computed by the query engine (Athena or DuckDB), never in .NET.
/// </summary>
public sealed class KvsDetectionSummary
{
    /// <summary>What the summary groups by.</summary>
    public SummaryDimension Dimension { get; set; }

    /// <summary>The group: "07" (hour), "2025-06-01" (day), "Monday", a plate, a camera, "97-98" (band).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Detections in the group.</summary>
    public long Detections { get; set; }

    /// <summary>Share of all detections in the range, in percent.</summary>
    public double Percent { get; set; }

    /// <summary>Distinct plates in the group.</summary>
    public long DistinctPlates { get; set; }

    /// <summary>Average confidence in percent, rounded to two decimals.</summary>
    public double? AvgConfidence { get; set; }

    public double? MinConfidence { get; set; }

    public double? MaxConfidence { get; set; }

    /// <summary>First detection in the group (UTC).</summary>
    public DateTimeOffset? First { get; set; }

    /// <summary>Last detection in the group (UTC).</summary>
    public DateTimeOffset? Last { get; set; }

    /// <summary>The plate, for plate summaries, so rows pipe into Get-KvsPlateHistory.</summary>
    public string? LicensePlate => Dimension == SummaryDimension.Plate ? Key : null;

    /// <summary>The local stack the summary came from, so rows pipe into the next cmdlet on the same stack.</summary>
    public string? LocalPath { get; set; }

    public string? WorkGroup { get; set; }

    public string? Catalog { get; set; }

    public string? Database { get; set; }

    public override string ToString() => $"{Dimension} {Key}: {Detections}";
}
