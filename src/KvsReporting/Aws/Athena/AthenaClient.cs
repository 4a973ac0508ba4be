using Amazon.Runtime;
using KvsReporting.Aws.Runtime;
using KvsReporting.Aws.Waiters;

namespace KvsReporting.Aws.Athena;

/// <summary>Amazon Athena (JSON 1.1, target prefix AmazonAthena): the operations the module uses.</summary>
public sealed class AthenaClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("Athena", "athena", "athena", "2017-05-18", AwsProtocol.Json, TargetPrefix: "AmazonAthena");

    public static readonly AwsOperation StartQueryExecutionOperation = new("StartQueryExecution");
    public static readonly AwsOperation GetQueryExecutionOperation = new("GetQueryExecution");
    public static readonly AwsOperation GetQueryResultsOperation = new("GetQueryResults");
    public static readonly AwsOperation StopQueryExecutionOperation = new("StopQueryExecution");
    public static readonly AwsOperation ListQueryExecutionsOperation = new("ListQueryExecutions");
    public static readonly AwsOperation BatchGetQueryExecutionOperation = new("BatchGetQueryExecution");
    public static readonly AwsOperation GetWorkGroupOperation = new("GetWorkGroup");
    public static readonly AwsOperation ListWorkGroupsOperation = new("ListWorkGroups");
    public static readonly AwsOperation CreateDataCatalogOperation = new("CreateDataCatalog");
    public static readonly AwsOperation GetDataCatalogOperation = new("GetDataCatalog");
    public static readonly AwsOperation DeleteDataCatalogOperation = new("DeleteDataCatalog");
    public static readonly AwsOperation ListDataCatalogsOperation = new("ListDataCatalogs");
    public static readonly AwsOperation ListDatabasesOperation = new("ListDatabases");
    public static readonly AwsOperation ListTableMetadataOperation = new("ListTableMetadata");

    public AthenaClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<StartQueryExecutionResponse> StartQueryExecutionAsync(StartQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<StartQueryExecutionResponse>(StartQueryExecutionOperation, request, cancellationToken);

    public Task<GetQueryExecutionResponse> GetQueryExecutionAsync(GetQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetQueryExecutionResponse>(GetQueryExecutionOperation, request, cancellationToken);

    public Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetQueryResultsResponse>(GetQueryResultsOperation, request, cancellationToken);

    public Task<AthenaEmptyResponse> StopQueryExecutionAsync(StopQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<AthenaEmptyResponse>(StopQueryExecutionOperation, request, cancellationToken);

    public Task<ListQueryExecutionsResponse> ListQueryExecutionsAsync(ListQueryExecutionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListQueryExecutionsResponse>(ListQueryExecutionsOperation, request, cancellationToken);

    public Task<BatchGetQueryExecutionResponse> BatchGetQueryExecutionAsync(BatchGetQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<BatchGetQueryExecutionResponse>(BatchGetQueryExecutionOperation, request, cancellationToken);

    public Task<GetWorkGroupResponse> GetWorkGroupAsync(GetWorkGroupRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetWorkGroupResponse>(GetWorkGroupOperation, request, cancellationToken);

    public Task<ListWorkGroupsResponse> ListWorkGroupsAsync(ListWorkGroupsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListWorkGroupsResponse>(ListWorkGroupsOperation, request, cancellationToken);

    public Task<CreateDataCatalogResponse> CreateDataCatalogAsync(CreateDataCatalogRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateDataCatalogResponse>(CreateDataCatalogOperation, request, cancellationToken);

    public Task<GetDataCatalogResponse> GetDataCatalogAsync(GetDataCatalogRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetDataCatalogResponse>(GetDataCatalogOperation, request, cancellationToken);

    public Task<DeleteDataCatalogResponse> DeleteDataCatalogAsync(DeleteDataCatalogRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DeleteDataCatalogResponse>(DeleteDataCatalogOperation, request, cancellationToken);

    public Task<ListDataCatalogsResponse> ListDataCatalogsAsync(ListDataCatalogsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListDataCatalogsResponse>(ListDataCatalogsOperation, request, cancellationToken);

    public Task<ListDatabasesResponse> ListDatabasesAsync(ListDatabasesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListDatabasesResponse>(ListDatabasesOperation, request, cancellationToken);

    public Task<ListTableMetadataResponse> ListTableMetadataAsync(ListTableMetadataRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListTableMetadataResponse>(ListTableMetadataOperation, request, cancellationToken);

    /// <summary>The states in which an Athena query execution has finished.</summary>
    public static bool IsFinished(string? state) => state is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>Polls GetQueryExecution until the query has finished (SUCCEEDED, FAILED or CANCELLED).</summary>
    /// <exception cref="TimeoutException">The query was still QUEUED or RUNNING when the timeout passed.</exception>
    public Task<AthenaQueryExecution> WaitForQueryAsync(
        string queryExecutionId,
        TimeSpan timeout,
        Action<AthenaQueryExecution, TimeSpan>? onPoll = null,
        CancellationToken cancellationToken = default) =>
        Waiter.WaitUntilAsync(
            "Waiting for query " + queryExecutionId,
            async ct => (await GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = queryExecutionId }, ct).ConfigureAwait(false)).QueryExecution
                ?? throw new InvalidOperationException($"Athena returned no query execution for {queryExecutionId}."),
            execution => IsFinished(execution.Status?.State),
            execution => execution.Status?.State ?? "unknown",
            new WaitOptions { MinDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(10), Timeout = timeout },
            onPoll,
            cancellationToken);

    /// <summary>
    /// Every page of a query's results, in order (at most <paramref name="pageSize"/> rows per page, 1000 by
    /// Athena's limit). The header row of a SELECT is the first row of the first page, as Athena sends it.
    /// </summary>
    public IAsyncEnumerable<GetQueryResultsResponse> GetQueryResultPagesAsync(string queryExecutionId, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<GetQueryResultsResponse, GetQueryResultsResponse>(
            (token, ct) => GetQueryResultsAsync(new GetQueryResultsRequest { QueryExecutionId = queryExecutionId, NextToken = token, MaxResults = pageSize }, ct),
            page => [page],
            page => page.NextToken,
            cancellationToken);

    public IAsyncEnumerable<string> ListAllQueryExecutionIdsAsync(string? workGroup, CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<ListQueryExecutionsResponse, string>(
            (token, ct) => ListQueryExecutionsAsync(new ListQueryExecutionsRequest { WorkGroup = workGroup, NextToken = token }, ct),
            page => page.QueryExecutionIds,
            page => page.NextToken,
            cancellationToken);

    public IAsyncEnumerable<AthenaWorkGroupSummary> ListAllWorkGroupsAsync(CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<ListWorkGroupsResponse, AthenaWorkGroupSummary>(
            (token, ct) => ListWorkGroupsAsync(new ListWorkGroupsRequest { NextToken = token }, ct),
            page => page.WorkGroups,
            page => page.NextToken,
            cancellationToken);

    public IAsyncEnumerable<AthenaDataCatalogSummary> ListAllDataCatalogsAsync(string? workGroup = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<ListDataCatalogsResponse, AthenaDataCatalogSummary>(
            (token, ct) => ListDataCatalogsAsync(new ListDataCatalogsRequest { WorkGroup = workGroup, NextToken = token }, ct),
            page => page.DataCatalogsSummary,
            page => page.NextToken,
            cancellationToken);

    public IAsyncEnumerable<AthenaDatabase> ListAllDatabasesAsync(string catalogName, string? workGroup = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<ListDatabasesResponse, AthenaDatabase>(
            (token, ct) => ListDatabasesAsync(new ListDatabasesRequest { CatalogName = catalogName, WorkGroup = workGroup, NextToken = token }, ct),
            page => page.DatabaseList,
            page => page.NextToken,
            cancellationToken);

    public IAsyncEnumerable<AthenaTableMetadata> ListAllTableMetadataAsync(string catalogName, string databaseName, string? workGroup = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.Items<ListTableMetadataResponse, AthenaTableMetadata>(
            (token, ct) => ListTableMetadataAsync(new ListTableMetadataRequest { CatalogName = catalogName, DatabaseName = databaseName, WorkGroup = workGroup, NextToken = token }, ct),
            page => page.TableMetadataList,
            page => page.NextToken,
            cancellationToken);
}
