using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace KvsReporting.Tests.Completion;

/// <summary>Resources seeded once in the moto rig for the completion tests, under a unique prefix.</summary>
public sealed class CompletionRigFixture
{
    public CompletionRigFixture()
    {
        var path = TestEnvironment.MotoConfigPath;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException("KVS_MOTO_CONFIG must name the moto rig's JSON (tests/rig/start-moto.sh).");
        }

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var root = config.RootElement;
        Endpoint = root.GetProperty("endpoint").GetString()!;
        Region = root.GetProperty("region").GetString()!;
        AdminKey = root.GetProperty("admin").GetProperty("accessKeyId").GetString()!;
        AdminSecret = root.GetProperty("admin").GetProperty("secretAccessKey").GetString()!;
        LimitedKey = root.GetProperty("limited").GetProperty("accessKeyId").GetString()!;
        LimitedSecret = root.GetProperty("limited").GetProperty("secretAccessKey").GetString()!;

        var prefix = "kvs-cmpl-" + Guid.NewGuid().ToString("N")[..6];
        var script = Path.Combine(TestEnvironment.RepoRoot, "tests", "KvsReporting.Tests", "Completion", "seed_completion.py");
        var start = new ProcessStartInfo(root.GetProperty("python").GetString()!, [script, path, prefix])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PYTHONPATH"] = root.GetProperty("pythonPath").GetString();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("Seeding moto failed: " + error);
        }

        Seeded = JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
    }

    public string Endpoint { get; }

    public string Region { get; }

    public string AdminKey { get; }

    public string AdminSecret { get; }

    public string LimitedKey { get; }

    public string LimitedSecret { get; }

    public IReadOnlyDictionary<string, string> Seeded { get; }

    /// <summary>The connection parameters as a user types them before the parameter being completed.</summary>
    public string Admin => $"-EndpointUrl {Endpoint} -Region {Region} -AccessKey {AdminKey} -SecretKey '{AdminSecret}'";

    public string Limited => $"-EndpointUrl {Endpoint} -Region {Region} -AccessKey {LimitedKey} -SecretKey '{LimitedSecret}'";
}

[Collection("Serial")]
public sealed class AwsCompletionTests(CompletionRigFixture rig) : IClassFixture<CompletionRigFixture>, IDisposable
{
    private readonly PowerShellSession session = CompletionSession.WithCommand<TestKvsAwsCompletionCommand>("Test-KvsAwsCompletion");

    [Theory]
    [InlineData("CrawlerName", "crawler")]
    [InlineData("WorkGroup", "workGroup")]
    [InlineData("Catalog", "catalog")]
    [InlineData("StackName", "stack")]
    [InlineData("RoleName", "role")]
    [InlineData("SourceTable", "dynamoTable")]
    public void Completes_resources_listed_with_the_connection_typed_on_the_line(string parameter, string seeded)
    {
        var expected = rig.Seeded[seeded];
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion {rig.Admin} -{parameter} {expected[..12]}");
        Assert.Empty(errors);
        Assert.Contains(expected, matches.Texts());
        Assert.All(matches, m => Assert.StartsWith(expected[..12], m.ListItemText, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Completes_tables_of_the_database_typed_on_the_line()
    {
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion {rig.Admin} -Database {rig.Seeded["database"]} -TableName ");
        Assert.Empty(errors);
        Assert.Equal(new[] { rig.Seeded["table"] }, matches.Texts());
    }

    [Fact]
    public void Completes_QuickSight_users_and_groups_as_principal_arns()
    {
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion {rig.Admin} -Principal ");
        Assert.Empty(errors);
        Assert.Contains(rig.Seeded["userArn"], matches.Texts());
        Assert.Contains(rig.Seeded["groupArn"], matches.Texts());
        Assert.Contains("AUTHOR", matches.Single(m => m.CompletionText == rig.Seeded["userArn"]).ToolTip, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_profile_named_on_the_line_from_its_ProfileLocation()
    {
        var directory = Directory.CreateTempSubdirectory("kvs-completion-").FullName;
        try
        {
            var credentials = Path.Combine(directory, "credentials");
            File.WriteAllText(credentials, $"[rig-admin]\naws_access_key_id = {rig.AdminKey}\naws_secret_access_key = {rig.AdminSecret}\n");
            var (matches, errors) = session.Complete(
                $"Test-KvsAwsCompletion -EndpointUrl {rig.Endpoint} -Region {rig.Region} -ProfileLocation '{credentials}' -ProfileName rig-admin -WorkGroup {rig.Seeded["workGroup"]}");
            Assert.Empty(errors);
            Assert.Equal(new[] { rig.Seeded["workGroup"] }, matches.Texts());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Stays_silent_when_the_typed_credentials_may_not_list()
    {
        // The limited user may only glue:GetCrawler: listing is denied, so nothing is offered and nothing is printed.
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion {rig.Limited} -WorkGroup ");
        Assert.Empty(errors);
        Assert.Empty(matches);
    }

    [Fact]
    public void Stays_silent_and_quick_when_the_endpoint_is_unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connection refused, retried by the SDK

        var stopwatch = Stopwatch.StartNew();
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion -EndpointUrl http://127.0.0.1:{port} -Region us-east-1 -AccessKey AKIAEXAMPLE -SecretKey x -CrawlerName ");
        Assert.Empty(errors);
        Assert.Empty(matches);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"completion took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Gives_up_after_the_timeout_when_the_endpoint_never_answers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts connections (backlog) but never answers a request
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var stopwatch = Stopwatch.StartNew();
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion -EndpointUrl http://127.0.0.1:{port} -Region us-east-1 -AccessKey AKIAEXAMPLE -SecretKey x -WorkGroup ");
        Assert.Empty(errors);
        Assert.Empty(matches);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"completion took {stopwatch.Elapsed}");
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.5), "the completer returned before its timeout: was the endpoint ever called?");
    }

    [Fact]
    public void Does_not_call_AWS_for_a_local_stack()
    {
        var (matches, errors) = session.Complete($"Test-KvsAwsCompletion {rig.Admin} -Local ./kvs-demo -WorkGroup {rig.Seeded["workGroup"]}");
        Assert.Empty(errors);
        Assert.DoesNotContain(rig.Seeded["workGroup"], matches.Texts());
    }

    public void Dispose() => session.Dispose();
}
