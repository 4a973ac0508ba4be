using KvsReporting.Aws.Glue;

namespace KvsReporting.AwsConformance.Samples;

public sealed class GlueSamples : ISampleRequests
{
    private const string Crawler = "LicensePlateDetectionsCrawler";
    private const string Database = "kvsworkshop_db";

    public IEnumerable<Sample> Samples() =>
    [
        new("Glue.GetCrawler", "by name", () => new GetCrawlerRequest { Name = Crawler }),
        new("Glue.GetCrawlers", "first page", () => new GetCrawlersRequest()),
        new("Glue.GetCrawlers", "next page", () => new GetCrawlersRequest { MaxResults = 100, NextToken = "eyJuZXh0IjoyfQ==" }),
        new("Glue.ListCrawlers", "tag filter", () => new ListCrawlersRequest { MaxResults = 50, Tags = new() { ["Project"] = "kvs-license-reporting" } }),
        new("Glue.StartCrawler", "by name", () => new StartCrawlerRequest { Name = Crawler }),
        new("Glue.StopCrawler", "by name", () => new StopCrawlerRequest { Name = Crawler }),
        new("Glue.GetCrawlerMetrics", "one crawler", () => new GetCrawlerMetricsRequest { CrawlerNameList = [Crawler], MaxResults = 10 }),
        new("Glue.GetTables", "database with filter", () => new GetTablesRequest { DatabaseName = Database, Expression = "licenseplate*", MaxResults = 100 }),
        new("Glue.GetTables", "next page", () => new GetTablesRequest { DatabaseName = Database, NextToken = "token-2", CatalogId = "123456789012" }),
        new("Glue.GetDatabase", "by name", () => new GetDatabaseRequest { Name = Database }),
    ];
}
