using System.Text.Json;
using System.Text.Json.Serialization;

namespace KvsReporting.Local;

/// <summary>
/// The settings of a local reporting stack, kept in <c>stack.json</c> beside the database. They play the role
/// of the CloudFormation stack's parameters and outputs: which table the crawler reads, what it is called, when
/// it would run.
/// </summary>
public sealed record LocalStackSettings
{
    /// <summary>Bumped when the layout of the folder or the database changes incompatibly.</summary>
    public const int CurrentSchemaVersion = 1;

    public string StackName { get; init; } = "kvs-license-reporting";

    /// <summary>The DynamoDB table the detections come from (the stack's DynamoDBTableName parameter).</summary>
    public string TableName { get; init; } = "LicensePlateDetections";

    public string CrawlerName { get; init; } = "LicensePlateDetectionsCrawler";

    /// <summary>The crawler's schedule, as Glue writes it. A local stack records it; it does not run by itself.</summary>
    public string Schedule { get; init; } = "cron(0 0 * * ? *)";

    public string WorkGroup { get; init; } = "KVSWorkshopWorkgroup";

    public DateTimeOffset CreationTime { get; init; }

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The source of the last crawl, so a later crawl without a source refreshes the same one
    /// (a Glue crawler has a fixed target too).</summary>
    public LocalCrawlSourceSettings? CrawlSource { get; init; }

    /// <summary>Whether two settings describe the same stack (creation time and crawl source aside).</summary>
    public bool SameStackAs(LocalStackSettings other) =>
        other is not null
        && string.Equals(StackName, other.StackName, StringComparison.Ordinal)
        && string.Equals(TableName, other.TableName, StringComparison.Ordinal)
        && string.Equals(CrawlerName, other.CrawlerName, StringComparison.Ordinal)
        && string.Equals(Schedule, other.Schedule, StringComparison.Ordinal)
        && string.Equals(WorkGroup, other.WorkGroup, StringComparison.Ordinal);

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>Where the local crawler last read from (no secrets: credentials are never stored).</summary>
public sealed record LocalCrawlSourceSettings
{
    public LocalCrawlSourceKind Kind { get; init; }

    /// <summary>The file, for a file source.</summary>
    public string? Path { get; init; }

    /// <summary>The DynamoDB table, for a table source.</summary>
    public string? TableName { get; init; }

    public string? Region { get; init; }

    public string? EndpointUrl { get; init; }
}

/// <summary>What the local crawler reads.</summary>
public enum LocalCrawlSourceKind
{
    /// <summary>Detection objects handed over by the caller (the pipeline); cannot be re-crawled.</summary>
    Objects,

    /// <summary>A JSON array, JSON-lines, DynamoDB-JSON export or CSV file.</summary>
    File,

    /// <summary>A DynamoDB table on AWS or any DynamoDB-compatible endpoint.</summary>
    DynamoDB,

    /// <summary>The stack's own detections table, which Write-KvsDetection -Local writes into: already cataloged,
    /// so a crawl of it reads nothing new.</summary>
    Stack,
}
