using System.Diagnostics;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Queries;
using Xunit;

namespace KvsReporting.Tests.Local;

/// <summary>The embedded engine's query history on real stacks: what is recorded, how it ends, how it is bounded.</summary>
[Collection("Serial")] // LocalQueryHistory.RotateBytes is process-wide
public sealed class LocalQueryHistoryTests : IDisposable
{
    /// <summary>Runs until stopped (billions of rows hashed): what a query that is still running looks like.</summary>
    public const string LongQuery = "SELECT sum(hash(i)) AS s FROM range(50000000000) t(i)";

    private readonly TempStack stack = new();

    public LocalQueryHistoryTests() => stack.CrawlSample(50);

    private LocalQueryEngine Engine() => new(stack.Folder);

    private static async Task<long> Drain(LocalQueryEngine engine, QueryRequest request, CancellationToken token = default)
    {
        long n = 0;
        await foreach (var row in engine.QueryAsync(request, _ => { }, token))
        {
            n++;
        }

        return n;
    }

    [Fact]
    public async Task A_query_is_recorded_as_Athena_records_an_execution()
    {
        const string Sql = "SELECT image_name, license_plate\nFROM \"default\".\"licenseplatedetections\"\nWHERE confidence >= ? ORDER BY image_name LIMIT 7";
        var before = DateTimeOffset.UtcNow;
        string? started = null;
        var engine = new LocalQueryEngine(stack.Folder) { OnStarted = id => started = id };
        var rows = await Drain(engine, new QueryRequest(Sql) { Parameters = [80.5] });
        Assert.Equal(7, rows);

        var execution = Assert.Single(LocalQueryEngine.RecentExecutions(stack.Folder, 20));
        Assert.Equal(started, execution.QueryExecutionId);
        Assert.True(Guid.TryParseExact(execution.QueryExecutionId, "D", out _), execution.QueryExecutionId);
        Assert.Equal("SUCCEEDED", execution.State);
        Assert.Equal("Local", execution.Engine);
        Assert.Equal(Sql, execution.Query); // as written, not as translated
        Assert.Equal("DML", execution.StatementType);
        Assert.Equal(new[] { "DOUBLE '80.5'" }, execution.ExecutionParameters);
        Assert.Equal(7, execution.RowsReturned);
        Assert.Equal(("KVSWorkshopWorkgroup", "AwsDataCatalog", "kvsworkshop_db"), (execution.WorkGroup, execution.Catalog, execution.Database));
        Assert.Equal(stack.Folder, execution.LocalPath);
        Assert.InRange(execution.SubmissionDateTime!.Value, before, DateTimeOffset.UtcNow);
        Assert.True(execution.CompletionDateTime >= execution.SubmissionDateTime);
        Assert.True(execution.TotalExecutionTime >= execution.EngineExecutionTime);
        Assert.StartsWith("DuckDB v", execution.EngineVersion, StringComparison.Ordinal);
        Assert.Equal(0m, execution.EstimatedCostUsd);

        // the same record by id, also for an id pasted in upper case
        var byId = LocalQueryEngine.FindExecution(stack.Folder, execution.QueryExecutionId.ToUpperInvariant());
        Assert.Equal(execution.QueryExecutionId, byId!.QueryExecutionId);
        Assert.Null(LocalQueryEngine.FindExecution(stack.Folder, Guid.NewGuid().ToString()));
        Assert.Equal(execution.QueryExecutionId, engine.Execution?.QueryExecutionId);
    }

    [Fact]
    public async Task Recent_lists_newest_first_with_the_query_context_and_statement_type()
    {
        var engine = Engine();
        await Drain(engine, new QueryRequest("SELECT 1"));
        await Drain(engine, new QueryRequest("SELECT count(*) FROM licenseplatedetections") { Catalog = "kvsworkshop", Database = "default" });
        await Drain(engine, new QueryRequest("  -- a note\n(DESCRIBE licenseplatedetections)"));
        await Drain(engine, new QueryRequest("CREATE TABLE kvsworkshop_db.scratch AS SELECT 1 AS x"));

        var recent = LocalQueryEngine.RecentExecutions(stack.Folder, 3);
        Assert.Equal(3, recent.Count);
        Assert.Equal(new[] { "DDL", "UTILITY", "DML" }, recent.Select(e => e.StatementType));
        Assert.Equal(("kvsworkshop", "default"), (recent[2].Catalog, recent[2].Database));
        Assert.True(recent[0].SubmissionDateTime >= recent[1].SubmissionDateTime);
        Assert.Equal(4, LocalQueryEngine.RecentExecutions(stack.Folder, 100).Count);
    }

    [Fact]
    public async Task A_failed_query_is_FAILED_with_the_error_as_its_reason()
    {
        var ex = await Assert.ThrowsAsync<KvsErrorException>(() => Drain(Engine(), new QueryRequest("SELECT * FROM no_such_table")));
        Assert.StartsWith(LocalQueryErrors.TableNotFound, ex.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);

        var failed = Assert.Single(LocalQueryEngine.RecentExecutions(stack.Folder, 5));
        Assert.Equal("FAILED", failed.State);
        Assert.StartsWith(LocalQueryErrors.TableNotFound + ": ", failed.StateChangeReason, StringComparison.Ordinal);
        Assert.Contains("no_such_table", failed.StateChangeReason, StringComparison.Ordinal);
        Assert.Equal(0, failed.RowsReturned);
        Assert.NotNull(failed.CompletionDateTime);
    }

    [Fact]
    public async Task A_reader_that_stops_early_succeeded_and_a_cancelled_caller_is_CANCELLED()
    {
        Assert.Equal(3, await Drain(Engine(), new QueryRequest("SELECT * FROM licenseplatedetections") { MaxRows = 3 }));
        var limited = LocalQueryEngine.RecentExecutions(stack.Folder, 1).Single();
        Assert.Equal(("SUCCEEDED", 3L), (limited.State, limited.RowsReturned));

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Drain(Engine(), new QueryRequest(LongQuery), cts.Token));
        var cancelled = LocalQueryEngine.RecentExecutions(stack.Folder, 1).Single();
        Assert.Equal("CANCELLED", cancelled.State);
        Assert.Contains("cancelled by its caller", cancelled.StateChangeReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_stops_the_query_and_records_it_as_CANCELLED()
    {
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<KvsErrorException>(() => Drain(Engine(), new QueryRequest(LongQuery) { Timeout = TimeSpan.FromMilliseconds(400) }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.StartsWith("KvsInvokeQueryTimeout", ex.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);

        var execution = LocalQueryEngine.RecentExecutions(stack.Folder, 1).Single();
        Assert.Equal(execution.QueryExecutionId, ex.ErrorRecord.TargetObject);
        Assert.Equal("CANCELLED", execution.State);
        Assert.Contains("did not finish within", execution.StateChangeReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_cancels_a_running_query_which_shows_RUNNING_until_then_and_leaves_a_finished_one_alone()
    {
        var engine = Engine();
        var running = Task.Run(() => Drain(engine, new QueryRequest(LongQuery)));
        var id = WaitFor(() => LocalQueryEngine.RecentExecutions(stack.Folder, 5).FirstOrDefault(e => e.State == "RUNNING")?.QueryExecutionId);
        Assert.Equal("RUNNING", LocalQueryEngine.FindExecution(stack.Folder, id)!.State);
        Assert.Null((await LocalQueryEngine.Stop(Path.Combine(stack.Root, "other"), id, TimeSpan.FromSeconds(1))).Execution); // another stack's query is not this one

        var (stopped, wasRunning) = await LocalQueryEngine.Stop(stack.Folder, id, TimeSpan.FromSeconds(10));
        Assert.True(wasRunning);
        Assert.Equal("CANCELLED", stopped!.State);
        var ex = await Assert.ThrowsAsync<KvsErrorException>(() => running);
        Assert.StartsWith("KvsInvokeQueryCancelled", ex.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationStopped, ex.ErrorRecord.CategoryInfo.Category);
        Assert.Equal("CANCELLED", LocalQueryEngine.FindExecution(stack.Folder, id)!.State);

        var (again, stoppedAgain) = await LocalQueryEngine.Stop(stack.Folder, id, TimeSpan.FromSeconds(1));
        Assert.False(stoppedAgain);
        Assert.Equal(("CANCELLED", "Stopped by Stop-KvsAthenaQuery."), (again!.State, again.StateChangeReason));
    }

    [Fact]
    public async Task The_history_is_bounded_by_rotation_and_skips_a_torn_line()
    {
        var saved = LocalQueryHistory.RotateBytes;
        LocalQueryHistory.RotateBytes = 4096;
        try
        {
            var engine = Engine();
            var ids = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                await Drain(engine, new QueryRequest($"SELECT {i} AS n"));
                ids.Add(engine.Execution!.QueryExecutionId);
            }

            var current = Path.Combine(stack.Folder, LocalQueryHistory.FileName);
            var previous = Path.Combine(stack.Folder, LocalQueryHistory.PreviousFileName);
            Assert.True(File.Exists(previous));
            Assert.True(new FileInfo(current).Length + new FileInfo(previous).Length < 2 * 4096 + 1024);

            var recent = LocalQueryEngine.RecentExecutions(stack.Folder, 1000);
            Assert.InRange(recent.Count, 10, 59); // the oldest rotated out, the newest all kept, in order
            Assert.Equal(Enumerable.Reverse(ids).Take(recent.Count), recent.Select(e => e.QueryExecutionId));
            Assert.Null(LocalQueryEngine.FindExecution(stack.Folder, ids[0]));

            // a crash mid-write leaves half a line: it is skipped, the next query still recorded
            File.AppendAllText(current, "{\"id\":\"torn");
            await Drain(engine, new QueryRequest("SELECT 'after' AS x"));
            Assert.Equal("SELECT 'after' AS x", LocalQueryEngine.RecentExecutions(stack.Folder, 1).Single().Query);
        }
        finally
        {
            LocalQueryHistory.RotateBytes = saved;
        }
    }

    [Fact]
    public async Task Removing_the_stack_removes_its_history()
    {
        await Drain(Engine(), new QueryRequest("SELECT 1"));
        Assert.True(File.Exists(Path.Combine(stack.Folder, LocalQueryHistory.FileName)));
        File.WriteAllText(Path.Combine(stack.Folder, LocalQueryHistory.PreviousFileName), string.Empty);

        var removed = new LocalStackStore().Remove(stack.Folder);
        Assert.Contains(Path.Combine(stack.Folder, LocalQueryHistory.FileName), removed);
        Assert.False(Directory.Exists(stack.Folder));
    }

    internal static string WaitFor(Func<string?> probe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (probe() is { } value)
            {
                return value;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException("The condition was not met within 30 s.");
    }

    public void Dispose() => stack.Dispose();
}
