using System.Text.Json;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>
/// Calls through tests/rig/fault-proxy.py, which fails a fixed share of requests with throttling (429 and 400
/// ThrottlingException), 503 HTML pages, 500 InternalFailure and dropped connections. The SDK's retries must
/// carry every call to the right answer, and a retried create must reuse its client request token.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class FaultInjectionTests(MotoCollectionFixture fixture)
{
    private readonly MotoFixture moto = fixture.Moto;

    private AwsConnection Connection(string endpoint) => AwsConnectionResolver.Resolve(
        new AwsConnectionParameters { AccessKey = moto.Admin.AccessKeyId, SecretKey = moto.Admin.SecretAccessKey, Region = moto.Region, EndpointUrl = endpoint },
        new AwsSettingsSources { Environment = _ => null });

    [Fact]
    public async Task Glue_Athena_and_IAM_calls_complete_and_creates_never_duplicate()
    {
        var crawler = MotoFixture.UniqueName("kvs-faults");
        moto.CreateCrawler(crawler, "kvs_fault_db");
        var workGroup = moto.CreateWorkGroup("kvs-faults");
        using var proxy = new FaultProxy(moto.Endpoint, rate: 0.25, seed: 20261125);
        using var relay = new RecordingRelay(proxy.Uri);
        // Every kind at least once, deterministically, on the first calls (a start among them): then the
        // seeded random share.
        proxy.Queue("throttle429", "none", "drop", "unavailable503", "none", "internal500", "throttle400", "none");

        var connection = Connection(relay.Endpoint);
        using var glue = AwsClientFactory.CreateGlue(connection);
        using var athena = AwsClientFactory.CreateAthena(connection);
        using var iam = AwsClientFactory.Create(connection, TestIamClient.Description, (c, cfg) => new TestIamClient(c, cfg));
        var marker = Guid.NewGuid().ToString("N")[..8];
        var started = new Dictionary<string, string>();
        for (var i = 0; i < 12; i++)
        {
            var status = await glue.GetCrawlerAsync(new GetCrawlerRequest { Name = crawler });
            Assert.Equal((crawler, "READY"), (status.Crawler?.Name, status.Crawler?.State));

            var query = $"SELECT '{marker}-{i}' AS call";
            var id = (await athena.StartQueryExecutionAsync(new StartQueryExecutionRequest { QueryString = query, WorkGroup = workGroup })).QueryExecutionId!;
            started[query] = id;
            var execution = await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id });
            Assert.Equal(query, execution.QueryExecution?.Query);

            if (i % 3 == 0)
            {
                var users = await iam.ListUsersAsync(new ListUsersRequest());
                Assert.Contains(users.Users ?? [], u => u.UserName == moto.Admin.UserName);
            }
        }

        // Faults really happened, of every kind.
        var stats = proxy.Stats();
        var injected = stats.GetProperty("injected");
        foreach (var kind in new[] { "throttle429", "throttle400", "unavailable503", "internal500", "drop" })
        {
            Assert.True(injected.GetProperty(kind).GetInt32() > 0, $"no {kind} fault was injected: {stats}");
        }

        Assert.True(stats.GetProperty("injectedTotal").GetInt32() >= 8, stats.ToString());

        // One execution per logical start, seen directly in moto (not through the proxy).
        using var direct = AwsClientFactory.CreateAthena(Connection(moto.Endpoint));
        var ids = new List<string>();
        await foreach (var id in direct.ListAllQueryExecutionIdsAsync(workGroup))
        {
            ids.Add(id);
        }

        // (moto has no BatchGetQueryExecution)
        var executions = new List<AthenaQueryExecution>();
        foreach (var id in ids)
        {
            executions.Add((await direct.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id })).QueryExecution!);
        }

        foreach (var (query, id) in started)
        {
            var matching = executions.Where(e => e.Query == query).ToList();
            Assert.True(matching.Count == 1, $"{matching.Count} executions for '{query}'");
            Assert.Equal(id, matching[0].QueryExecutionId);
        }

        // Every attempt of one start carried the same token; different starts carried different tokens;
        // and some start really was retried.
        var starts = relay.Requests
            .Where(r => r.Headers.TryGetValue("X-Amz-Target", out var t) && t == "AmazonAthena.StartQueryExecution")
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .GroupBy(b => b.GetProperty("QueryString").GetString()!)
            .ToList();
        Assert.Equal(started.Keys.Order(), starts.Select(g => g.Key).Order());
        var tokens = starts.Select(g => g.Select(b => b.GetProperty("ClientRequestToken").GetString()).Distinct().ToList()).ToList();
        Assert.All(tokens, t => Assert.Single(t));
        Assert.Equal(tokens.Count, tokens.Select(t => t[0]).Distinct().Count());
        Assert.Contains(starts, g => g.Count() > 1);
    }
}
