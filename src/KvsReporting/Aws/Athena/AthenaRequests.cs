using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.Athena;

// Request/response pairs, one per operation (model input/output shapes).

public sealed class StartQueryExecutionRequest
{
    public string? QueryString { get; set; }

    /// <summary>Idempotency token: filled once per call when empty, so a retried start never runs twice.</summary>
    [AwsIdempotencyToken]
    public string? ClientRequestToken { get; set; }

    public AthenaQueryExecutionContext? QueryExecutionContext { get; set; }

    public AthenaResultConfiguration? ResultConfiguration { get; set; }

    public string? WorkGroup { get; set; }

    public List<string>? ExecutionParameters { get; set; }

    public AthenaResultReuseConfiguration? ResultReuseConfiguration { get; set; }
}

public sealed class StartQueryExecutionResponse
{
    public string? QueryExecutionId { get; set; }
}

public sealed class GetQueryExecutionRequest
{
    public string? QueryExecutionId { get; set; }
}

public sealed class GetQueryExecutionResponse
{
    public AthenaQueryExecution? QueryExecution { get; set; }
}

public sealed class GetQueryResultsRequest
{
    public string? QueryExecutionId { get; set; }

    public string? NextToken { get; set; }

    /// <summary>1 to 1000 rows per page.</summary>
    public int? MaxResults { get; set; }
}

public sealed class GetQueryResultsResponse
{
    public long? UpdateCount { get; set; }

    public AthenaResultSet? ResultSet { get; set; }

    public string? NextToken { get; set; }
}

public sealed class StopQueryExecutionRequest
{
    public string? QueryExecutionId { get; set; }
}

/// <summary>Output of operations whose model output shape has no members.</summary>
public sealed class AthenaEmptyResponse
{
}

public sealed class ListQueryExecutionsRequest
{
    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListQueryExecutionsResponse
{
    public List<string>? QueryExecutionIds { get; set; }

    public string? NextToken { get; set; }
}

public sealed class BatchGetQueryExecutionRequest
{
    public List<string>? QueryExecutionIds { get; set; }
}

public sealed class BatchGetQueryExecutionResponse
{
    public List<AthenaQueryExecution>? QueryExecutions { get; set; }

    public List<AthenaUnprocessedQueryExecutionId>? UnprocessedQueryExecutionIds { get; set; }
}

public sealed class GetWorkGroupRequest
{
    public string? WorkGroup { get; set; }
}

public sealed class GetWorkGroupResponse
{
    public AthenaWorkGroup? WorkGroup { get; set; }
}

public sealed class ListWorkGroupsRequest
{
    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}

public sealed class ListWorkGroupsResponse
{
    public List<AthenaWorkGroupSummary>? WorkGroups { get; set; }

    public string? NextToken { get; set; }
}

public sealed class CreateDataCatalogRequest
{
    public string? Name { get; set; }

    /// <summary>LAMBDA, GLUE, HIVE or FEDERATED.</summary>
    public string? Type { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }

    public List<AthenaTag>? Tags { get; set; }
}

public sealed class CreateDataCatalogResponse
{
    public AthenaDataCatalog? DataCatalog { get; set; }
}

public sealed class GetDataCatalogRequest
{
    public string? Name { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class GetDataCatalogResponse
{
    public AthenaDataCatalog? DataCatalog { get; set; }
}

public sealed class DeleteDataCatalogRequest
{
    public string? Name { get; set; }

    public bool? DeleteCatalogOnly { get; set; }
}

public sealed class DeleteDataCatalogResponse
{
    public AthenaDataCatalog? DataCatalog { get; set; }
}

public sealed class ListDataCatalogsRequest
{
    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListDataCatalogsResponse
{
    public List<AthenaDataCatalogSummary>? DataCatalogsSummary { get; set; }

    public string? NextToken { get; set; }
}

public sealed class ListDatabasesRequest
{
    public string? CatalogName { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListDatabasesResponse
{
    public List<AthenaDatabase>? DatabaseList { get; set; }

    public string? NextToken { get; set; }
}

public sealed class ListTableMetadataRequest
{
    public string? CatalogName { get; set; }

    public string? DatabaseName { get; set; }

    public string? Expression { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }

    public string? WorkGroup { get; set; }
}

public sealed class ListTableMetadataResponse
{
    public List<AthenaTableMetadata>? TableMetadataList { get; set; }

    public string? NextToken { get; set; }
}
