using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>Waiting for a query to finish: state changes, timeouts naming the last state, and cancellation.</summary>
public sealed class WaiterTests
{
    private static AwsConnection Connection(string endpoint) => AwsConnectionResolver.Resolve(
        new AwsConnectionParameters { AccessKey = "AKIAWAIT", SecretKey = "wait-secret", Region = "eu-west-1", EndpointUrl = endpoint },
        new AwsSettingsSources { Environment = _ => null });

    [Fact]
    public async Task Waits_through_queued_and_running_until_succeeded_reporting_each_poll()
    {
        var polls = 0;
        using var server = new FixtureServer(_ => (200, FixtureServer.Fixture("Athena", ++polls switch
        {
            1 => "GetQueryExecution.queued",
            2 => "GetQueryExecution.running",
            _ => "GetQueryExecution.succeeded",
        })));
        using var athena = AwsClientFactory.CreateAthena(Connection(server.Endpoint));
        var seen = new List<string>();
        var done = await athena.WaitForQueryAsync("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", TimeSpan.FromSeconds(30), (e, _) => seen.Add(e.Status!.State!));
        Assert.Equal("SUCCEEDED", done.Status?.State);
        Assert.Equal(["QUEUED", "RUNNING", "SUCCEEDED"], seen);
        Assert.Equal(10485760, done.Statistics?.DataScannedInBytes);
    }

    [Fact]
    public async Task A_timeout_names_the_last_state()
    {
        using var server = new FixtureServer(_ => (200, FixtureServer.Fixture("Athena", "GetQueryExecution.running")));
        using var athena = AwsClientFactory.CreateAthena(Connection(server.Endpoint));
        var ex = await Assert.ThrowsAnyAsync<TimeoutException>(() => athena.WaitForQueryAsync("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", TimeSpan.FromSeconds(1)));
        Assert.Contains("RUNNING", ex.Message);
        Assert.Equal("RUNNING", Assert.IsType<KvsReporting.Aws.Waiters.WaitTimeoutException>(ex).LastStatus);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_at_once()
    {
        using var server = new FixtureServer(_ => (200, FixtureServer.Fixture("Athena", "GetQueryExecution.running")));
        using var athena = AwsClientFactory.CreateAthena(Connection(server.Endpoint));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => athena.WaitForQueryAsync("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", TimeSpan.FromMinutes(5), cancellationToken: cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
