using System.Text.Json.Serialization;

namespace KvsReporting.Aws.Glue;

// Shapes of the Glue model (glue-2017-03-31) that the module reads. Member names are the model's.

/// <summary>Glue <c>Crawler</c>.</summary>
public sealed class GlueCrawler
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public GlueCrawlerTargets? Targets { get; set; }

    public string? DatabaseName { get; set; }

    public string? Description { get; set; }

    public List<string>? Classifiers { get; set; }

    public GlueSchemaChangePolicy? SchemaChangePolicy { get; set; }

    /// <summary>READY, RUNNING or STOPPING.</summary>
    public string? State { get; set; }

    public string? TablePrefix { get; set; }

    public GlueSchedule? Schedule { get; set; }

    public long? CrawlElapsedTime { get; set; }

    public DateTimeOffset? CreationTime { get; set; }

    public DateTimeOffset? LastUpdated { get; set; }

    public GlueLastCrawlInfo? LastCrawl { get; set; }

    public long? Version { get; set; }

    public string? Configuration { get; set; }

    public string? CrawlerSecurityConfiguration { get; set; }
}

/// <summary>Glue <c>CrawlerTargets</c>.</summary>
public sealed class GlueCrawlerTargets
{
    public List<GlueS3Target>? S3Targets { get; set; }

    public List<GlueJdbcTarget>? JdbcTargets { get; set; }

    public List<GlueDynamoDBTarget>? DynamoDBTargets { get; set; }

    public List<GlueCatalogTarget>? CatalogTargets { get; set; }
}

/// <summary>Glue <c>DynamoDBTarget</c>: note the model's lower-case scanAll/scanRate.</summary>
public sealed class GlueDynamoDBTarget
{
    public string? Path { get; set; }

    [JsonPropertyName("scanAll")]
    public bool? ScanAll { get; set; }

    [JsonPropertyName("scanRate")]
    public double? ScanRate { get; set; }
}

/// <summary>Glue <c>S3Target</c>.</summary>
public sealed class GlueS3Target
{
    public string? Path { get; set; }

    public List<string>? Exclusions { get; set; }

    public string? ConnectionName { get; set; }
}

/// <summary>Glue <c>JdbcTarget</c>.</summary>
public sealed class GlueJdbcTarget
{
    public string? ConnectionName { get; set; }

    public string? Path { get; set; }

    public List<string>? Exclusions { get; set; }
}

/// <summary>Glue <c>CatalogTarget</c>.</summary>
public sealed class GlueCatalogTarget
{
    public string? DatabaseName { get; set; }

    public List<string>? Tables { get; set; }
}

/// <summary>Glue <c>Schedule</c>.</summary>
public sealed class GlueSchedule
{
    public string? ScheduleExpression { get; set; }

    /// <summary>SCHEDULED, NOT_SCHEDULED or TRANSITIONING.</summary>
    public string? State { get; set; }
}

/// <summary>Glue <c>LastCrawlInfo</c>.</summary>
public sealed class GlueLastCrawlInfo
{
    /// <summary>SUCCEEDED, CANCELLED or FAILED.</summary>
    public string? Status { get; set; }

    public string? ErrorMessage { get; set; }

    public string? LogGroup { get; set; }

    public string? LogStream { get; set; }

    public string? MessagePrefix { get; set; }

    public DateTimeOffset? StartTime { get; set; }
}

/// <summary>Glue <c>SchemaChangePolicy</c>.</summary>
public sealed class GlueSchemaChangePolicy
{
    public string? UpdateBehavior { get; set; }

    public string? DeleteBehavior { get; set; }
}

/// <summary>Glue <c>CrawlerMetrics</c>.</summary>
public sealed class GlueCrawlerMetrics
{
    public string? CrawlerName { get; set; }

    public double? TimeLeftSeconds { get; set; }

    public bool? StillEstimating { get; set; }

    public double? LastRuntimeSeconds { get; set; }

    public double? MedianRuntimeSeconds { get; set; }

    public int? TablesCreated { get; set; }

    public int? TablesUpdated { get; set; }

    public int? TablesDeleted { get; set; }
}
