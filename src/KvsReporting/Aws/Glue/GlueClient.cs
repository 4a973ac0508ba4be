using Amazon.Runtime;
using KvsReporting.Aws.Runtime;
using KvsReporting.Aws.Waiters;

namespace KvsReporting.Aws.Glue;

/// <summary>AWS Glue (JSON 1.1, target prefix AWSGlue): the operations the module uses.</summary>
public sealed class GlueClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("Glue", "glue", "glue", "2017-03-31", AwsProtocol.Json, TargetPrefix: "AWSGlue");

    public static readonly AwsOperation GetCrawlerOperation = new("GetCrawler");
    public static readonly AwsOperation GetCrawlersOperation = new("GetCrawlers");
    public static readonly AwsOperation ListCrawlersOperation = new("ListCrawlers");
    public static readonly AwsOperation StartCrawlerOperation = new("StartCrawler");
    public static readonly AwsOperation StopCrawlerOperation = new("StopCrawler");
    public static readonly AwsOperation GetCrawlerMetricsOperation = new("GetCrawlerMetrics");
    public static readonly AwsOperation GetTablesOperation = new("GetTables");
    public static readonly AwsOperation GetDatabaseOperation = new("GetDatabase");

    public GlueClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<GetCrawlerResponse> GetCrawlerAsync(GetCrawlerRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetCrawlerResponse>(GetCrawlerOperation, request, cancellationToken);

    public Task<GetCrawlersResponse> GetCrawlersAsync(GetCrawlersRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetCrawlersResponse>(GetCrawlersOperation, request, cancellationToken);

    public Task<ListCrawlersResponse> ListCrawlersAsync(ListCrawlersRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListCrawlersResponse>(ListCrawlersOperation, request, cancellationToken);

    public Task<GlueEmptyResponse> StartCrawlerAsync(StartCrawlerRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GlueEmptyResponse>(StartCrawlerOperation, request, cancellationToken);

    public Task<GlueEmptyResponse> StopCrawlerAsync(StopCrawlerRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GlueEmptyResponse>(StopCrawlerOperation, request, cancellationToken);

    public Task<GetCrawlerMetricsResponse> GetCrawlerMetricsAsync(GetCrawlerMetricsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetCrawlerMetricsResponse>(GetCrawlerMetricsOperation, request, cancellationToken);

    public Task<GetTablesResponse> GetTablesAsync(GetTablesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetTablesResponse>(GetTablesOperation, request, cancellationToken);

    public Task<GetDatabaseResponse> GetDatabaseAsync(GetDatabaseRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetDatabaseResponse>(GetDatabaseOperation, request, cancellationToken);

    /// <summary>Every crawler (all pages of GetCrawlers).</summary>
    public IAsyncEnumerable<GlueCrawler> GetAllCrawlersAsync(CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<GetCrawlersResponse, GlueCrawler>(
            (token, ct) => GetCrawlersAsync(new GetCrawlersRequest { NextToken = token }, ct),
            page => page.Crawlers,
            page => page.NextToken,
            cancellationToken);

    /// <summary>Every table of a database (all pages of GetTables).</summary>
    public IAsyncEnumerable<GlueTable> GetAllTablesAsync(string databaseName, CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<GetTablesResponse, GlueTable>(
            (token, ct) => GetTablesAsync(new GetTablesRequest { DatabaseName = databaseName, NextToken = token }, ct),
            page => page.TableList,
            page => page.NextToken,
            cancellationToken);

    /// <summary>Polls GetCrawler until the crawler is READY again (a crawl, or a stop, has finished).</summary>
    /// <exception cref="TimeoutException">The crawler was still RUNNING or STOPPING when the timeout passed.</exception>
    public Task<GlueCrawler> WaitForCrawlerReadyAsync(
        string name,
        TimeSpan timeout,
        Action<GlueCrawler, TimeSpan>? onPoll = null,
        CancellationToken cancellationToken = default) =>
        Waiter.WaitUntilAsync(
            "Waiting for crawler " + name,
            async ct => (await GetCrawlerAsync(new GetCrawlerRequest { Name = name }, ct).ConfigureAwait(false)).Crawler
                ?? throw new InvalidOperationException($"Glue returned no crawler for {name}."),
            crawler => crawler.State == "READY",
            crawler => crawler.State ?? "unknown",
            new WaitOptions { MinDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), Timeout = timeout },
            onPoll,
            cancellationToken);
}
