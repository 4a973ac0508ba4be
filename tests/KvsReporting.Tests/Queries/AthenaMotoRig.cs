using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace KvsReporting.Tests.Queries;

/// <summary>A column as queued into moto's Athena result queue.</summary>
public sealed record MotoColumn(string Name, string Type, int Precision = 0, int Scale = 0);

/// <summary>
/// moto (IAM authentication on) for the query tests, the same instance as <see cref="Aws.MotoFixture"/>. Queues Athena results through moto's control API and
/// gives an S3 client for result buckets.
/// </summary>
public sealed class AthenaMotoRig
{
    private static readonly Lazy<AthenaMotoRig> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly HttpClient Http = new();

    private AthenaMotoRig(string configPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
        var root = doc.RootElement;
        Endpoint = root.GetProperty("endpoint").GetString()!;
        Region = root.GetProperty("region").GetString()!;
        AccountId = root.GetProperty("accountId").GetString()!;
        AccessKey = root.GetProperty("admin").GetProperty("accessKeyId").GetString()!;
        SecretKey = root.GetProperty("admin").GetProperty("secretAccessKey").GetString()!;
    }

    public static AthenaMotoRig Shared => Instance.Value;

    public string Endpoint { get; }

    public string Region { get; }

    public string AccountId { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    /// <summary>Variables for a PowerShell script: $endpoint, $region, $ak, $sk.</summary>
    public Dictionary<string, object?> Variables(string? endpoint = null, IDictionary<string, object?>? more = null)
    {
        var variables = new Dictionary<string, object?>
        {
            ["endpoint"] = endpoint ?? Endpoint,
            ["region"] = Region,
            ["ak"] = AccessKey,
            ["sk"] = SecretKey,
        };
        foreach (var (k, v) in more ?? new Dictionary<string, object?>())
        {
            variables[k] = v;
        }

        return variables;
    }

    /// <summary>The connection parameters every cmdlet call in a test script uses.</summary>
    public const string Connection = "-EndpointUrl $endpoint -Region $region -AccessKey $ak -SecretKey $sk";

    /// <summary>Queues the next query's result. <paramref name="rows"/> include the header row when it should have one; null fields are NULL.</summary>
    public void QueueResult(IReadOnlyList<MotoColumn> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var body = new JsonObject
        {
            ["account_id"] = AccountId,
            ["region"] = Region,
            ["results"] = new JsonArray(new JsonObject
            {
                ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                {
                    ["Data"] = new JsonArray(r.Select(v => (JsonNode)(v is null ? new JsonObject() : new JsonObject { ["VarCharValue"] = v })).ToArray()),
                }).ToArray()),
                ["column_info"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
                {
                    ["CatalogName"] = "hive", ["SchemaName"] = string.Empty, ["TableName"] = string.Empty,
                    ["Name"] = c.Name, ["Label"] = c.Name, ["Type"] = c.Type, ["Precision"] = c.Precision, ["Scale"] = c.Scale,
                    ["Nullable"] = "UNKNOWN", ["CaseSensitive"] = false,
                }).ToArray()),
            }),
        };
        using var response = Http.PostAsync(Endpoint + "/moto-api/static/athena/query-results", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Queues a SELECT result the way Athena returns it: header row first.</summary>
    public void QueueSelect(IReadOnlyList<MotoColumn> columns, IEnumerable<IReadOnlyList<string?>> rows) =>
        QueueResult(columns, new[] { (IReadOnlyList<string?>)columns.Select(c => (string?)c.Name).ToList() }.Concat(rows));

    public AmazonS3Client S3() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        AuthenticationRegion = Region,
        ForcePathStyle = true,
        // moto stores an aws-chunked (trailing checksum) upload body as is: send plain bodies.
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
    });

    /// <summary>A new bucket for a test's results.</summary>
    public string NewBucket()
    {
        var name = "kvs-q-" + Guid.NewGuid().ToString("N")[..16];
        using var s3 = S3();
        s3.PutBucketAsync(new PutBucketRequest { BucketName = name }).GetAwaiter().GetResult();
        return name;
    }

    // One moto per test process: the one the shared fixture uses (the build's, or the fixture's own).
    private static AthenaMotoRig Start() => new(Aws.MotoFixture.Shared.ConfigPath);
}
