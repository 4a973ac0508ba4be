namespace KvsReporting.Diagnostics;

/// <summary>The names a diagnosis needs, from the stack object, its outputs, or the defaults.</summary>
public sealed record StackFacts
{
    public string StackName { get; init; } = "kvs-license-reporting";

    public string? SpillBucket { get; init; }

    public string? QueryResultBucket { get; init; }

    public string CrawlerName { get; init; } = "LicensePlateDetectionsCrawler";

    public string WorkGroup { get; init; } = "KVSWorkshopWorkgroup";

    public string TableName { get; init; } = "LicensePlateDetections";

    public string GlueDatabase { get; init; } = "kvsworkshop_db";

    /// <summary>The connector's catalog, which is also its Lambda function's name.</summary>
    public string ConnectorCatalog { get; init; } = "kvsworkshop";

    public string QuickSightRoleName { get; init; } = "aws-quicksight-service-role-v0";

    public string Region { get; init; } = "us-east-1";

    public string? Account { get; init; }

    public string Partition { get; init; } = "aws";

    /// <summary>Where the spill probe object goes (the connector's default spill prefix).</summary>
    public string SpillPrefix { get; init; } = "athena-spill";
}
