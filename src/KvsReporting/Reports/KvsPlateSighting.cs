namespace KvsReporting.Reports;

/// <summary>One sighting of a plate, with the time since the previous sighting of the same plate.</summary>
public sealed class KvsPlateSighting
{
    public string LicensePlate { get; set; } = string.Empty;

    /// <summary>1 for the first sighting of the plate in the range, then 2, 3, ...</summary>
    public long Sighting { get; set; }

    /// <summary>When the detection was made (UTC).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Time since the previous sighting of this plate; empty for the first.</summary>
    public TimeSpan? SincePrevious { get; set; }

    public double? Confidence { get; set; }

    /// <summary>Camera (stream), from the image key.</summary>
    public string? Camera { get; set; }

    public string ImageName { get; set; } = string.Empty;

    public string? BucketName { get; set; }

    /// <summary>s3://bucket/key of the frame, when the bucket is known.</summary>
    public string? ImageUri => string.IsNullOrEmpty(BucketName) ? null : $"s3://{BucketName}/{ImageName}";

    public override string ToString() => $"{LicensePlate} #{Sighting} {Timestamp:u}";
}
