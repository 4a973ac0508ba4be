namespace KvsReporting.Detections;

/// <summary>What Get-KvsDetection asks for. Every value reaches the engine as a query parameter.</summary>
public sealed record DetectionFilter
{
    /// <summary>Plates to match; <c>*</c> and <c>?</c> are wildcards; matched without regard to case.</summary>
    public IReadOnlyList<string> LicensePlates { get; init; } = Array.Empty<string>();

    /// <summary>Image keys to match; <c>*</c> and <c>?</c> are wildcards; case-sensitive like S3 keys.</summary>
    public IReadOnlyList<string> ImageNames { get; init; } = Array.Empty<string>();

    /// <summary>Only detections at or after this instant.</summary>
    public DateTimeOffset? After { get; init; }

    /// <summary>Only detections before this instant.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>Only detections with at least this confidence (percent).</summary>
    public decimal? MinConfidence { get; init; }

    /// <summary>At most this many detections, oldest first.</summary>
    public int? First { get; init; }
}
