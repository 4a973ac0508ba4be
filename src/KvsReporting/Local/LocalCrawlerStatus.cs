namespace KvsReporting.Local;

/// <summary>
/// The state of a local stack's crawler, shaped like Glue's GetCrawler answer so Get-KvsCrawlerStatus can
/// present both the same way. Property names follow the AWS side (CrawlerName, State, LastCrawl...).
/// </summary>
public sealed record LocalCrawlerStatus
{
    public required string CrawlerName { get; init; }

    /// <summary>READY, or RUNNING while a crawl is in progress (in any process).</summary>
    public required string State { get; init; }

    public required string Schedule { get; init; }

    /// <summary>The Glue database the crawler writes to (kvsworkshop_db).</summary>
    public string DatabaseName { get; init; } = LocalCatalog.GlueDatabase;

    /// <summary>The DynamoDB table the stack is about; the crawled table is its lower-cased name.</summary>
    public required string TableName { get; init; }

    public required string StackName { get; init; }

    public required string LocalPath { get; init; }

    /// <summary>What the next crawl without a source reads (the last source used), if any.</summary>
    public string? Target { get; init; }

    /// <summary>The most recent finished crawl, or null before the first.</summary>
    public LocalCrawlRun? LastCrawl { get; init; }

    /// <summary>The crawl in progress, when State is RUNNING.</summary>
    public LocalCrawlRun? CurrentCrawl { get; init; }

    public string? LastCrawlStatus => LastCrawl?.Status;

    public DateTimeOffset? LastCrawlStartTime => LastCrawl?.StartTime;

    public string? LastCrawlError => LastCrawl?.ErrorMessage;
}

/// <summary>One crawl, as recorded in the crawl log (Glue's LastCrawl plus the crawler metrics).</summary>
public sealed record LocalCrawlRun
{
    public required string RunId { get; init; }

    public required string CrawlerName { get; init; }

    /// <summary>RUNNING, SUCCEEDED, FAILED or CANCELLED.</summary>
    public required string Status { get; init; }

    /// <summary>file:..., dynamodb:table@endpoint, or objects.</summary>
    public required string Source { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public TimeSpan? Duration => EndTime - StartTime;

    public int TablesCreated { get; init; }

    public int TablesUpdated { get; init; }

    public long RowsRead { get; init; }

    public long RowsAdded { get; init; }

    public long RowsUpdated { get; init; }

    public long RowsUnchanged { get; init; }

    public long RowsSkipped { get; init; }

    /// <summary>Why items were skipped, with how many each.</summary>
    public IReadOnlyDictionary<string, long> SkippedReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Drift that was tolerated (coerced or normalized values), with how many items each.</summary>
    public IReadOnlyDictionary<string, long> Drift { get; init; } = new Dictionary<string, long>();

    /// <summary>Read capacity the DynamoDB scan consumed, when the source is a table.</summary>
    public double? ConsumedCapacityUnits { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>One line for Format-List and string contexts (a record's default would print the dictionaries' type names).</summary>
    public override string ToString() =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{Status} {StartTime.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z from {Source}: read {RowsRead}, added {RowsAdded}, updated {RowsUpdated}, skipped {RowsSkipped}");
}
