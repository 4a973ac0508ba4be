using KvsReporting.Aws.Glue;

namespace KvsReporting.Crawler;

/// <summary>One crawler target: its kind (DynamoDB, S3, JDBC, Catalog) and path (table name, S3 URL...).</summary>
public sealed record KvsCrawlerTarget(string Kind, string Path)
{
    public override string ToString() => $"{Kind}:{Path}";
}

/// <summary>
/// The state of a Glue crawler as Get-KvsCrawlerStatus reports it. CrawlerName, Database, Region and
/// EndpointUrl bind by property name to the next cmdlet (Start-KvsCrawler, query cmdlets).
/// </summary>
public sealed class KvsCrawlerStatus
{
    public string CrawlerName { get; set; } = string.Empty;

    /// <summary>READY, RUNNING or STOPPING.</summary>
    public string? State { get; set; }

    /// <summary>The Glue database the crawler writes tables to.</summary>
    public string? Database { get; set; }

    public string? ScheduleExpression { get; set; }

    /// <summary>The schedule in plain words, e.g. "at 00:00 UTC every day".</summary>
    public string? ScheduleDescription { get; set; }

    /// <summary>Next scheduled run (UTC); empty when unscheduled or paused.</summary>
    public DateTimeOffset? NextRunUtc { get; set; }

    /// <summary>Next scheduled run in this machine's local time.</summary>
    public DateTimeOffset? NextRunLocal => NextRunUtc?.ToLocalTime();

    /// <summary>How long the last crawl took, where its end time is known.</summary>
    public TimeSpan? LastCrawlDuration => LastCrawlEndTime - LastCrawlStartTime;

    /// <summary>Tables the last crawl created, from GetCrawlerMetrics (empty where the service gives none).</summary>
    public int? TablesCreated { get; set; }

    public int? TablesUpdated { get; set; }

    public int? TablesDeleted { get; set; }

    /// <summary>Estimated time left of a running crawl, from GetCrawlerMetrics.</summary>
    public TimeSpan? EstimatedTimeLeft { get; set; }

    /// <summary>SCHEDULED, NOT_SCHEDULED or TRANSITIONING.</summary>
    public string? ScheduleState { get; set; }

    /// <summary>SUCCEEDED, CANCELLED or FAILED; empty when the crawler never ran.</summary>
    public string? LastCrawlStatus { get; set; }

    public DateTimeOffset? LastCrawlStartTime { get; set; }

    /// <summary>Start plus the last run time from GetCrawlerMetrics, when the service reports it.</summary>
    public DateTimeOffset? LastCrawlEndTime { get; set; }

    public string? LastCrawlErrorMessage { get; set; }

    public string? LastCrawlLogGroup { get; set; }

    public string? LastCrawlLogStream { get; set; }

    /// <summary>Time the running crawl has taken so far (only while RUNNING).</summary>
    public TimeSpan? Elapsed { get; set; }

    public IReadOnlyList<KvsCrawlerTarget> Targets { get; set; } = [];

    public string? Role { get; set; }

    public string? UpdateBehavior { get; set; }

    public string? DeleteBehavior { get; set; }

    public DateTimeOffset? CreationTime { get; set; }

    public DateTimeOffset? LastUpdated { get; set; }

    public string? Region { get; set; }

    /// <summary>For a local stack's crawler: the stack folder (binds to -Local of the next cmdlet).</summary>
    public string? LocalPath { get; set; }

    /// <summary>
    /// For a local stack's crawler: the last crawl's full record (rows read, added, updated, unchanged,
    /// skipped and why, drift tolerated). Glue reports no such counts, so it is empty on AWS.
    /// </summary>
    public KvsReporting.Local.LocalCrawlRun? LastCrawl { get; set; }

    public string? EndpointUrl { get; set; }

    public override string ToString() => $"{CrawlerName} ({State})";

    internal static KvsCrawlerStatus From(GlueCrawler crawler, string region, Uri? endpoint, GlueCrawlerMetrics? metrics)
    {
        var last = crawler.LastCrawl;
        var targets = new List<KvsCrawlerTarget>();
        targets.AddRange((crawler.Targets?.DynamoDBTargets ?? []).Select(t => new KvsCrawlerTarget("DynamoDB", t.Path ?? string.Empty)));
        targets.AddRange((crawler.Targets?.S3Targets ?? []).Select(t => new KvsCrawlerTarget("S3", t.Path ?? string.Empty)));
        targets.AddRange((crawler.Targets?.JdbcTargets ?? []).Select(t => new KvsCrawlerTarget("JDBC", t.Path ?? string.Empty)));
        targets.AddRange((crawler.Targets?.CatalogTargets ?? []).SelectMany(t => (t.Tables ?? []).Select(table => new KvsCrawlerTarget("Catalog", $"{t.DatabaseName}.{table}"))));
        var schedule = GlueCronSchedule.TryParse(crawler.Schedule?.ScheduleExpression, out var parsed) ? parsed : null;
        var scheduled = schedule is not null && !string.Equals(crawler.Schedule?.State, "NOT_SCHEDULED", StringComparison.Ordinal);
        return new KvsCrawlerStatus
        {
            ScheduleDescription = schedule?.Describe(),
            NextRunUtc = scheduled ? schedule!.NextRun(DateTimeOffset.UtcNow) : null,
            TablesCreated = metrics?.TablesCreated,
            TablesUpdated = metrics?.TablesUpdated,
            TablesDeleted = metrics?.TablesDeleted,
            EstimatedTimeLeft = crawler.State == "RUNNING" && metrics?.TimeLeftSeconds is { } left && metrics.StillEstimating != true
                ? TimeSpan.FromSeconds(left)
                : null,
            CrawlerName = crawler.Name ?? string.Empty,
            State = crawler.State,
            Database = crawler.DatabaseName,
            ScheduleExpression = crawler.Schedule?.ScheduleExpression,
            ScheduleState = crawler.Schedule?.State,
            LastCrawlStatus = last?.Status,
            LastCrawlStartTime = last?.StartTime,
            LastCrawlEndTime = last?.StartTime is { } start && metrics?.LastRuntimeSeconds is { } seconds && seconds > 0
                ? start.AddSeconds(seconds)
                : null,
            LastCrawlErrorMessage = last?.ErrorMessage,
            LastCrawlLogGroup = last?.LogGroup,
            LastCrawlLogStream = last?.LogStream,
            Elapsed = crawler.State == "RUNNING" && crawler.CrawlElapsedTime is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : null,
            Targets = targets,
            Role = crawler.Role,
            UpdateBehavior = crawler.SchemaChangePolicy?.UpdateBehavior,
            DeleteBehavior = crawler.SchemaChangePolicy?.DeleteBehavior,
            CreationTime = crawler.CreationTime,
            LastUpdated = crawler.LastUpdated,
            Region = region,
            EndpointUrl = endpoint?.ToString(),
        };
    }
}
