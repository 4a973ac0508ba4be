namespace KvsReporting.Aws.Glue;

// Request/response pairs, one per operation (model input/output shapes).

public sealed class GetCrawlerRequest
{
    public string? Name { get; set; }
}

public sealed class GetCrawlerResponse
{
    public GlueCrawler? Crawler { get; set; }
}

public sealed class GetCrawlersRequest
{
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

public sealed class GetCrawlersResponse
{
    public List<GlueCrawler>? Crawlers { get; set; }

    public string? NextToken { get; set; }
}

public sealed class ListCrawlersRequest
{
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class ListCrawlersResponse
{
    public List<string>? CrawlerNames { get; set; }

    public string? NextToken { get; set; }
}

public sealed class StartCrawlerRequest
{
    public string? Name { get; set; }
}

public sealed class StopCrawlerRequest
{
    public string? Name { get; set; }
}

/// <summary>Output of operations whose model output shape has no members.</summary>
public sealed class GlueEmptyResponse
{
}

public sealed class GetCrawlerMetricsRequest
{
    public List<string>? CrawlerNameList { get; set; }

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

public sealed class GetCrawlerMetricsResponse
{
    public List<GlueCrawlerMetrics>? CrawlerMetricsList { get; set; }

    public string? NextToken { get; set; }
}

public sealed class GetTablesRequest
{
    public string? CatalogId { get; set; }

    public string? DatabaseName { get; set; }

    public string? Expression { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public sealed class GetTablesResponse
{
    public List<GlueTable>? TableList { get; set; }

    public string? NextToken { get; set; }
}

public sealed class GetDatabaseRequest
{
    public string? CatalogId { get; set; }

    public string? Name { get; set; }
}

public sealed class GetDatabaseResponse
{
    public GlueDatabase? Database { get; set; }
}
