namespace KvsReporting.Diagnostics;

/// <summary>
/// The names of the checks both engines run. A runbook picks rows by these names, so a local stack and an AWS
/// stack must report the same fact under the same name (and with the same status for the same state).
/// </summary>
public static class DiagnosticCheck
{
    public const string StackStatus = "Stack status";
    public const string GlueDatabase = "Glue database";
    public const string LastCrawl = "Last crawl";
    public const string DetectionsTable = "Detections table";
    public const string WorkGroup = "Workgroup result location";
    public const string ConnectorCatalog = "Connector catalog";
    public const string SmokeQuery = "Smoke query";

    // Facts only a local stack has.
    public const string DatabaseFile = "Database file";
    public const string CrawlSkipped = "Crawl skipped items";
    public const string CatalogViews = "Catalog views";
    public const string DataFreshness = "Data freshness";
}
