namespace KvsReporting.Local;

/// <summary>A DynamoDB number kept as its text, so bigint and double can be told apart as Glue does.</summary>
public readonly record struct CrawlNumber(string Text);

/// <summary>
/// One source item before normalization: attribute name to value, where a value is a string, a
/// <see cref="CrawlNumber"/>, a bool, null, a nested <c>Dictionary&lt;string, object?&gt;</c> (map/struct) or a
/// <c>List&lt;object?&gt;</c> (list/set). Every source (JSON, DynamoDB JSON, CSV, a DynamoDB scan) reads into this
/// shape so normalization and schema inference are written once.
/// </summary>
public sealed class CrawlItem : Dictionary<string, object?>
{
    public CrawlItem()
        : base(StringComparer.Ordinal)
    {
    }

    public CrawlItem(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }
}

/// <summary>What a source yields: an item, or the reason a record could not be read at all.</summary>
public readonly record struct CrawlRecord(CrawlItem? Item, string? SkipReason)
{
    public static CrawlRecord Skip(string reason) => new(null, reason);
}

/// <summary>A normalized row of the detections table (the five attributes the Lambda writes, plus any others
/// as JSON, typed later from the inferred schema).</summary>
public sealed record CrawlRow(string ImageName, string? LicensePlate, double? Confidence, string? BucketName, string? Timestamp, string? ExtrasJson);
