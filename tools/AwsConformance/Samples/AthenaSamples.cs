using KvsReporting.Aws.Athena;

namespace KvsReporting.AwsConformance.Samples;

public sealed class AthenaSamples : ISampleRequests
{
    private const string WorkGroup = "KVSWorkshopWorkgroup";
    private const string ExecutionId = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    public IEnumerable<Sample> Samples() =>
    [
        new("Athena.StartQueryExecution", "full", () => new StartQueryExecutionRequest
        {
            QueryString = "SELECT license_plate, count(*) AS sightings FROM \"default\".\"licenseplatedetections\" WHERE confidence >= ? GROUP BY 1",
            QueryExecutionContext = new AthenaQueryExecutionContext { Catalog = "kvsworkshop", Database = "default" },
            ResultConfiguration = new AthenaResultConfiguration
            {
                OutputLocation = "s3://kvs-license-reporting-query-results/athena-results/",
                EncryptionConfiguration = new AthenaEncryptionConfiguration { EncryptionOption = "SSE_S3" },
            },
            WorkGroup = WorkGroup,
            ExecutionParameters = ["90.5"],
            ResultReuseConfiguration = new AthenaResultReuseConfiguration
            {
                ResultReuseByAgeConfiguration = new AthenaResultReuseByAgeConfiguration { Enabled = true, MaxAgeInMinutes = 60 },
            },
        }),
        new("Athena.StartQueryExecution", "workgroup only", () => new StartQueryExecutionRequest { QueryString = "SELECT 1", WorkGroup = WorkGroup }),
        new("Athena.GetQueryExecution", "by id", () => new GetQueryExecutionRequest { QueryExecutionId = ExecutionId }),
        new("Athena.GetQueryResults", "page", () => new GetQueryResultsRequest { QueryExecutionId = ExecutionId, MaxResults = 1000, NextToken = "AQAB" }),
        new("Athena.StopQueryExecution", "by id", () => new StopQueryExecutionRequest { QueryExecutionId = ExecutionId }),
        new("Athena.ListQueryExecutions", "workgroup", () => new ListQueryExecutionsRequest { WorkGroup = WorkGroup, MaxResults = 50 }),
        new("Athena.BatchGetQueryExecution", "two ids", () => new BatchGetQueryExecutionRequest { QueryExecutionIds = [ExecutionId, "b1b2c3d4-5678-90ab-cdef-EXAMPLE22222"] }),
        new("Athena.GetWorkGroup", "by name", () => new GetWorkGroupRequest { WorkGroup = WorkGroup }),
        new("Athena.ListWorkGroups", "page", () => new ListWorkGroupsRequest { MaxResults = 50 }),
        new("Athena.CreateDataCatalog", "Lambda connector", () => new CreateDataCatalogRequest
        {
            Name = "kvsworkshop",
            Type = "LAMBDA",
            Description = "DynamoDB connector for LicensePlateDetections",
            Parameters = new() { ["function"] = "arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop" },
            Tags = [new AthenaTag { Key = "Project", Value = "kvs-license-reporting" }],
        }),
        new("Athena.GetDataCatalog", "by name", () => new GetDataCatalogRequest { Name = "kvsworkshop", WorkGroup = WorkGroup }),
        new("Athena.DeleteDataCatalog", "by name", () => new DeleteDataCatalogRequest { Name = "kvsworkshop" }),
        new("Athena.ListDataCatalogs", "page", () => new ListDataCatalogsRequest { MaxResults = 50, WorkGroup = WorkGroup }),
        new("Athena.ListDatabases", "catalog", () => new ListDatabasesRequest { CatalogName = "AwsDataCatalog", MaxResults = 50 }),
        new("Athena.ListTableMetadata", "database", () => new ListTableMetadataRequest { CatalogName = "kvsworkshop", DatabaseName = "default", Expression = "license*", MaxResults = 50 }),
    ];
}
