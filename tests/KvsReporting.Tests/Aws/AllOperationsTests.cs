using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Every Glue and Athena operation the module uses, over HTTP with signed requests: against moto with
/// signature checking where moto implements it, else against the fixture server (moto 5.1.1 lacks Glue
/// GetCrawlerMetrics and Athena BatchGetQueryExecution, DeleteDataCatalog, ListDatabases, ListTableMetadata).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class AllOperationsTests(MotoCollectionFixture fixture)
{
    private readonly MotoFixture moto = fixture.Moto;

    private AwsConnection Connection(string? endpoint = null) => AwsConnectionResolver.Resolve(
        new AwsConnectionParameters { AccessKey = moto.Admin.AccessKeyId, SecretKey = moto.Admin.SecretAccessKey, Region = moto.Region, EndpointUrl = endpoint ?? moto.Endpoint },
        new AwsSettingsSources { Environment = _ => null });

    [Fact]
    public async Task Glue_operations_against_moto()
    {
        var crawler = MotoFixture.UniqueName("kvs-allops");
        var database = MotoFixture.UniqueName("kvs_allops").Replace('-', '_');
        moto.CreateCrawler(crawler, database);
        moto.RunBoto($$$"""
            client('glue').create_table(DatabaseName='{{{database}}}', TableInput={'Name': 'licenseplatedetections',
                'StorageDescriptor': {'Columns': [{'Name': 'image_name', 'Type': 'string'}, {'Name': 'confidence', 'Type': 'double'}],
                                      'Location': 'arn:aws:dynamodb:us-east-1:{{{moto.AccountId}}}:table/LicensePlateDetections'},
                'Parameters': {'classification': 'dynamodb'}})
            """);
        using var glue = AwsClientFactory.CreateGlue(Connection());

        Assert.Equal(database, (await glue.GetDatabaseAsync(new GetDatabaseRequest { Name = database })).Database?.Name);
        var tables = new List<GlueTable>();
        await foreach (var table in glue.GetAllTablesAsync(database))
        {
            tables.Add(table);
        }

        var only = Assert.Single(tables);
        Assert.Equal(["image_name", "confidence"], only.StorageDescriptor!.Columns!.Select(c => c.Name!));
        Assert.Equal("dynamodb", only.Parameters!["classification"]);

        Assert.Equal("LicensePlateDetections", (await glue.GetCrawlerAsync(new GetCrawlerRequest { Name = crawler })).Crawler?.Targets?.DynamoDBTargets?.Single().Path);
        var all = new List<string>();
        await foreach (var c in glue.GetAllCrawlersAsync())
        {
            all.Add(c.Name!);
        }

        Assert.Contains(crawler, all);
        Assert.Contains(crawler, (await glue.ListCrawlersAsync(new ListCrawlersRequest { MaxResults = 1000 })).CrawlerNames ?? []);

        await glue.StartCrawlerAsync(new StartCrawlerRequest { Name = crawler });
        Assert.Equal("RUNNING", (await glue.GetCrawlerAsync(new GetCrawlerRequest { Name = crawler })).Crawler?.State);
        var again = await Assert.ThrowsAsync<AmazonServiceException>(() => glue.StartCrawlerAsync(new StartCrawlerRequest { Name = crawler }));
        Assert.Equal("CrawlerRunningException", again.ErrorCode);
        await glue.StopCrawlerAsync(new StopCrawlerRequest { Name = crawler });
        Assert.Equal("STOPPING", (await glue.GetCrawlerAsync(new GetCrawlerRequest { Name = crawler })).Crawler?.State);
    }

    [Fact]
    public async Task Athena_operations_against_moto()
    {
        var workGroup = MotoFixture.UniqueName("kvs-wg");
        var catalog = MotoFixture.UniqueName("kvscat");
        moto.RunBoto($$"""
            client('athena').create_work_group(Name='{{workGroup}}', Description='reporting',
                Configuration={'ResultConfiguration': {'OutputLocation': 's3://kvs-results/athena-results/'}, 'EnforceWorkGroupConfiguration': True, 'PublishCloudWatchMetricsEnabled': True})
            """);
        using var athena = AwsClientFactory.CreateAthena(Connection());

        var group = (await athena.GetWorkGroupAsync(new GetWorkGroupRequest { WorkGroup = workGroup })).WorkGroup;
        Assert.Equal(("reporting", "s3://kvs-results/athena-results/"), (group?.Description, group?.Configuration?.ResultConfiguration?.OutputLocation));
        var groups = new List<string>();
        await foreach (var g in athena.ListAllWorkGroupsAsync())
        {
            groups.Add(g.Name!);
        }

        Assert.Contains(workGroup, groups);

        await QueueResultsAsync([["plate", "sightings"], ["KVS 123", "3"]]);
        var id = (await athena.StartQueryExecutionAsync(new StartQueryExecutionRequest { QueryString = "SELECT plate, count(*) FROM t GROUP BY 1", WorkGroup = workGroup })).QueryExecutionId!;
        var execution = (await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id })).QueryExecution!;
        Assert.Equal(("SUCCEEDED", workGroup), (execution.Status?.State, execution.WorkGroup));
        var results = (await athena.GetQueryResultsAsync(new GetQueryResultsRequest { QueryExecutionId = id, MaxResults = 1000 })).ResultSet!;
        Assert.Equal(["plate", "sightings", "KVS 123", "3"], results.Rows!.SelectMany(r => r.Data!.Select(d => d.VarCharValue!)));
        await athena.StopQueryExecutionAsync(new StopQueryExecutionRequest { QueryExecutionId = id });
        Assert.Contains(id, (await athena.ListQueryExecutionsAsync(new ListQueryExecutionsRequest { WorkGroup = workGroup })).QueryExecutionIds ?? []);

        var created = (await athena.CreateDataCatalogAsync(new CreateDataCatalogRequest
        {
            Name = catalog,
            Type = "LAMBDA",
            Description = "connector",
            Parameters = new() { ["function"] = $"arn:aws:lambda:{moto.Region}:{moto.AccountId}:function:{catalog}" },
        })).DataCatalog;
        var fetched = (await athena.GetDataCatalogAsync(new GetDataCatalogRequest { Name = catalog })).DataCatalog;
        Assert.Equal(("LAMBDA", $"arn:aws:lambda:{moto.Region}:{moto.AccountId}:function:{catalog}"), (fetched?.Type, fetched?.Parameters?["function"]));
        var catalogs = new List<string>();
        await foreach (var c in athena.ListAllDataCatalogsAsync())
        {
            catalogs.Add(c.CatalogName!);
        }

        Assert.Contains(catalog, catalogs);
        _ = created;
    }

    [Fact]
    public async Task Operations_moto_lacks_go_over_http_to_model_checked_fixtures()
    {
        using var server = new FixtureServer(request => request.Target switch
        {
            "AWSGlue.GetCrawlerMetrics" => (200, FixtureServer.Fixture("Glue", "GetCrawlerMetrics")),
            "AmazonAthena.BatchGetQueryExecution" => (200, FixtureServer.Fixture("Athena", "BatchGetQueryExecution")),
            "AmazonAthena.DeleteDataCatalog" => (200, FixtureServer.Fixture("Athena", "DeleteDataCatalog")),
            "AmazonAthena.ListDatabases" => (200, FixtureServer.Fixture("Athena", "ListDatabases")),
            "AmazonAthena.ListTableMetadata" => (200, FixtureServer.Fixture("Athena", "ListTableMetadata")),
            _ => (400, "{\"__type\":\"InvalidRequestException\",\"message\":\"unexpected\"}"),
        });
        var connection = Connection(server.Endpoint);
        using var glue = AwsClientFactory.CreateGlue(connection);
        using var athena = AwsClientFactory.CreateAthena(connection);

        var metrics = (await glue.GetCrawlerMetricsAsync(new GetCrawlerMetricsRequest { CrawlerNameList = ["LicensePlateDetectionsCrawler"] })).CrawlerMetricsList!.Single();
        Assert.Equal(42.5, metrics.LastRuntimeSeconds);
        var batch = await athena.BatchGetQueryExecutionAsync(new BatchGetQueryExecutionRequest { QueryExecutionIds = ["a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", "b1b2c3d4-5678-90ab-cdef-EXAMPLE22222"] });
        Assert.Equal(10485760, batch.QueryExecutions!.Single().Statistics!.DataScannedInBytes);
        Assert.Equal("INVALID_INPUT", batch.UnprocessedQueryExecutionIds!.Single().ErrorCode);
        Assert.Equal("DELETE_COMPLETE", (await athena.DeleteDataCatalogAsync(new DeleteDataCatalogRequest { Name = "kvsworkshop" })).DataCatalog?.Status);
        var databases = new List<string>();
        await foreach (var d in athena.ListAllDatabasesAsync("kvsworkshop"))
        {
            databases.Add(d.Name!);
        }

        Assert.Equal(["default"], databases);
        var tables = new List<AthenaTableMetadata>();
        await foreach (var t in athena.ListAllTableMetadataAsync("kvsworkshop", "default"))
        {
            tables.Add(t);
        }

        Assert.Equal("decimal(5,2)", tables.Single().Columns!.Single(c => c.Name == "confidence").Type);
        Assert.Equal(5, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Contains("SignedHeaders=", r.Headers["Authorization"]));
    }

    private async Task QueueResultsAsync(string[][] rows)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            account_id = moto.AccountId,
            region = moto.Region,
            results = new[] { new { rows = rows.Select(r => new { Data = r.Select(v => new { VarCharValue = v }) }) } },
        });
        using var http = new HttpClient();
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(moto.Endpoint + "/moto-api/static/athena/query-results", content);
        response.EnsureSuccessStatusCode();
    }
}
