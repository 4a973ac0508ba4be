namespace KvsReporting.Detections;

/// <summary>
/// One item of the LicensePlateDetections table: one accepted plate read from one frame. The table's key is
/// the image name, so there is at most one detection per frame.
/// </summary>
public sealed class LicensePlateDetection
{
    /// <summary>S3 key of the frame (the table's partition key).</summary>
    public string ImageName { get; set; } = string.Empty;

    /// <summary>Plate text as Rekognition read it, upper-case.</summary>
    public string LicensePlate { get; set; } = string.Empty;

    /// <summary>Rekognition confidence in percent (the Lambda keeps 80 and above).</summary>
    public decimal? Confidence { get; set; }

    /// <summary>Bucket that holds the frame.</summary>
    public string? BucketName { get; set; }

    /// <summary>When the Lambda processed the frame, as UTC (the Lambda writes UTC without an offset).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Stream or camera the frame came from, where the image key tells it.</summary>
    public string? Camera { get; set; }

    /// <summary>Capture time of the frame, where the image key tells it.</summary>
    public DateTimeOffset? FrameTime { get; set; }

    /// <summary>s3://bucket/key of the frame, when the bucket is known.</summary>
    public string? ImageUri => string.IsNullOrEmpty(BucketName) ? null : $"s3://{BucketName}/{ImageName}";

    public override string ToString() =>
        $"{LicensePlate} {Confidence?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% {Timestamp:u} {ImageName}";
}
