using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using KvsReporting.Local;
using Xunit;

namespace KvsReporting.Tests.Local;

/// <summary>Write-KvsDetection into a DynamoDB table on moto (signatures checked), then a local crawl of it.</summary>
[Collection("Serial")]
public sealed class DynamoDbCrawlTests : IDisposable
{
    private readonly PowerShellSession session = new();
    private readonly TempStack temp = new();
    private readonly JsonElement moto;
    private readonly string table = "Detections" + Guid.NewGuid().ToString("N")[..8];

    public DynamoDbCrawlTests()
    {
        session.Run(TempStack.NoIdleScript);
        var path = TestEnvironment.MotoConfigPath is { Length: > 0 } p && File.Exists(p)
            ? p
            : throw new InvalidOperationException("KVS_MOTO_CONFIG must name the moto rig's JSON (bash tests/rig/start-moto.sh writes it).");
        moto = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private string Endpoint => moto.GetProperty("endpoint").GetString()!;

    private string Region => moto.GetProperty("region").GetString()!;

    private AmazonDynamoDBClient Client(string user = "admin") => new(
        new BasicAWSCredentials(moto.GetProperty(user).GetProperty("accessKeyId").GetString(), moto.GetProperty(user).GetProperty("secretAccessKey").GetString()),
        new AmazonDynamoDBConfig { ServiceURL = Endpoint, AuthenticationRegion = Region });

    private Dictionary<string, object?> Vars(string user = "admin") => new()
    {
        ["dir"] = temp.Folder,
        ["table"] = table,
        ["conn"] = new System.Collections.Hashtable
        {
            ["EndpointUrl"] = Endpoint,
            ["Region"] = Region,
            ["AccessKey"] = moto.GetProperty(user).GetProperty("accessKeyId").GetString(),
            ["SecretKey"] = moto.GetProperty(user).GetProperty("secretAccessKey").GetString(),
        },
    };

    private void CreateTable()
    {
        using var client = Client();
        client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = new List<KeySchemaElement> { new("image_name", KeyType.HASH) },
            AttributeDefinitions = new List<AttributeDefinition> { new("image_name", ScalarAttributeType.S) },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Detections_written_to_DynamoDB_crawl_into_the_local_stack_with_capacity_reported()
    {
        CreateTable();
        var (written, writeErrors) = session.Run("New-KvsSampleDetection -Count 1234 -Seed 4 -Start 2025-06-02 -End 2025-06-04 | Write-KvsDetection -TableName $table @conn -Confirm:$false", Vars());
        Assert.Empty(writeErrors);
        var result = written.Single();
        Assert.Equal(1234L, result.Get("Written"));
        Assert.Equal(50L, result.Get("Batches")); // 25 per BatchWriteItem

        using (var client = Client())
        {
            var item = (await client.ScanAsync(new ScanRequest { TableName = table, Limit = 1 })).Items.Single();
            Assert.Equal(new[] { "bucket_name", "confidence", "image_name", "license_plate", "timestamp" }, item.Keys.Order(StringComparer.Ordinal));
            Assert.Matches(@"^\d{2}\.\d{2}$", item["confidence"].N);
        }

        var (crawled, crawlErrors) = session.Run("Start-KvsCrawler -Local $dir -TableName $table -Segments 3 @conn -Wait", Vars());
        Assert.Empty(crawlErrors);
        var status = crawled.Single();
        Assert.Equal("SUCCEEDED", status.Get("LastCrawl.Status"));
        Assert.Equal(1234L, status.Get("LastCrawl.RowsAdded"));
        Assert.IsType<double>(status.Get("LastCrawl.ConsumedCapacityUnits"));
        var target = Assert.Single((IEnumerable<object>)status.Get("Targets")!);
        // the module's types live in its own load context: read the target through its string form (Kind:Path)
        Assert.StartsWith("DynamoDB:" + table, target.ToString(), StringComparison.Ordinal);

        var fromTable = temp.Query("SELECT image_name, license_plate, confidence, \"timestamp\" FROM licenseplatedetections ORDER BY image_name").Rows;
        var generated = KvsReporting.Detections.SampleDetectionGenerator.Generate(new KvsReporting.Detections.SampleDetectionOptions
        {
            Count = 1234,
            Seed = 4,
            Start = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2025, 6, 4, 0, 0, 0, TimeSpan.Zero),
        }).OrderBy(d => d.ImageName, StringComparer.Ordinal).ToList();
        Assert.Equal(generated.Select(d => d.ImageName), fromTable.Select(r => (string)r[0]!));
        Assert.Equal(generated.Select(d => (double)d.Confidence!.Value), fromTable.Select(r => (double)r[2]!));
        Assert.Equal(generated.Select(d => KvsReporting.Detections.DetectionTimestamp.Format(d.Timestamp!.Value)), fromTable.Select(r => (string)r[3]!));

        // The remembered target: a crawl without a source scans the same table again and finds nothing new.
        var (again, againErrors) = session.Run("Get-KvsReportingStack -Local $dir | Start-KvsCrawler @conn", Vars());
        Assert.Empty(againErrors);
        Assert.Equal(0L, again.Single().Get("LastCrawl.RowsAdded"));
        Assert.Equal(1234L, again.Single().Get("LastCrawl.RowsUnchanged"));
    }

    [Fact]
    public void A_missing_table_and_a_user_without_permission_are_typed_errors()
    {
        var (_, missing) = session.Run("Start-KvsCrawler -Local $dir -TableName NoSuchTable @conn", Vars());
        Assert.StartsWith("KvsStartCrawlerTableNotFound", Assert.Single(missing).FullyQualifiedErrorId, StringComparison.Ordinal);

        CreateTable();
        var (_, denied) = session.Run("Start-KvsCrawler -Local $dir -TableName $table @conn", Vars("limited"));
        var error = Assert.Single(denied);
        Assert.StartsWith("KvsStartCrawlerAccessDenied", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("dynamodb:Scan", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain(moto.GetProperty("limited").GetProperty("secretAccessKey").GetString()!, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("FAILED", new LocalCrawler(temp.Folder).GetStatus().LastCrawl!.Status);
    }

    public void Dispose()
    {
        try
        {
            using var client = Client();
            client.DeleteTableAsync(table).GetAwaiter().GetResult();
        }
        catch (AmazonServiceException)
        {
        }

        session.Dispose();
        temp.Dispose();
    }
}
