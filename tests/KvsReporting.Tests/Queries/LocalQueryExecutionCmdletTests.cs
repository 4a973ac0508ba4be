using System.Diagnostics;
using System.Management.Automation;
using KvsReporting.Tests.Local;
using Xunit;

namespace KvsReporting.Tests.Queries;

/// <summary>
/// Get-KvsQueryExecution and Stop-KvsAthenaQuery with -Local on a real stack (DuckDB in a temporary folder):
/// the ids the query cmdlets give out, the history they read, and the errors Athena gives for the same mistakes.
/// </summary>
[Collection("Serial")]
public sealed class LocalQueryExecutionCmdletTests : IDisposable
{
    private readonly TempStack stack = new();
    private readonly PowerShellSession session = new();

    public LocalQueryExecutionCmdletTests()
    {
        stack.CrawlSample(120);
        session.Run(TempStack.NoIdleScript);
    }

    private sealed record Result(List<PSObject> Output, List<ErrorRecord> Errors, List<string> Verbose);

    private Result Run(string script, PowerShellSession? on = null)
    {
        using var ps = (on ?? session).Create();
        ps.Runspace.SessionStateProxy.SetVariable("folder", stack.Folder);
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        return new Result(output, ps.Streams.Error.ToList(), ps.Streams.Verbose.Select(v => v.Message).ToList());
    }

    private static string Id(PSObject execution) => (string)execution.Get("QueryExecutionId")!;

    private static string ErrorId(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    [Fact]
    public void The_id_of_a_local_run_gets_its_execution()
    {
        var run = Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT license_plate FROM licenseplatedetections ORDER BY image_name LIMIT 4' -PassThru -Verbose");
        Assert.Empty(run.Errors);
        Assert.Equal(5, run.Output.Count);
        var id = Id(run.Output[4]);
        Assert.True(Guid.TryParseExact(id, "D", out _), id);
        Assert.Contains(run.Verbose, v => v.Contains(id, StringComparison.Ordinal) && v.Contains("started", StringComparison.Ordinal));
        Assert.Contains(run.Verbose, v => v.Contains(id, StringComparison.Ordinal) && v.Contains("SUCCEEDED", StringComparison.Ordinal) && v.Contains("4 row(s)", StringComparison.Ordinal));

        var got = Run($"Get-KvsQueryExecution -Local $folder -QueryExecutionId '{id}'");
        Assert.Empty(got.Errors);
        var execution = Assert.Single(got.Output);
        Assert.Equal("KvsReporting.Queries.KvsQueryExecution", execution.BaseObject.GetType().FullName);
        Assert.Equal(("SUCCEEDED", 4L, "Local"), ((string)execution.Get("State")!, (long)execution.Get("RowsReturned")!, (string)execution.Get("Engine")!));
        Assert.Equal("SELECT license_plate FROM licenseplatedetections ORDER BY image_name LIMIT 4", execution.Get("Query"));

        // the execution object pipes into Get by its id and its LocalPath, not into the workgroup's list
        var piped = Run($"Invoke-KvsAthenaQuery -Local $folder 'SELECT 2 AS two' -PassThru | Select-Object -Last 1 | Get-KvsQueryExecution");
        Assert.Equal("SELECT 2 AS two", Assert.Single(piped.Output).Get("Query"));
    }

    [Fact]
    public void A_local_stack_in_the_pipeline_lists_every_engine_query_newest_first()
    {
        var script = """
            $null = Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS one'
            $null = Get-KvsDetection -Local $folder -LicensePlate 'A*' -First 2
            $null = Get-KvsDetectionSummary -Local $folder -By Camera
            Get-KvsReportingStack -Local $folder | Get-KvsQueryExecution -First 50
            """;
        var result = Run(script);
        Assert.Empty(result.Errors);
        var queries = result.Output.Select(o => (string)o.Get("Query")!).ToList();
        var one = queries.IndexOf("SELECT 1 AS one");
        var detection = queries.FindIndex(q => q.Contains("license_plate", StringComparison.OrdinalIgnoreCase) && q.Contains("LIKE", StringComparison.OrdinalIgnoreCase));
        Assert.True(one > detection && detection > 0, string.Join(" | ", queries)); // the summary's queries came last, so first
        Assert.Equal(queries.Count - 1, one);
        Assert.Contains("'A%'", (IEnumerable<string>)result.Output[detection].Get("ExecutionParameters")!);
        Assert.All(result.Output, o => Assert.Equal(("SUCCEEDED", "KVSWorkshopWorkgroup", stack.Folder), ((string)o.Get("State")!, (string)o.Get("WorkGroup")!, (string)o.Get("LocalPath")!)));

        var first = Run("Get-KvsQueryExecution -LocalPath $folder -First 1");
        Assert.Equal(Id(result.Output[0]), Id(Assert.Single(first.Output)));
    }

    [Fact]
    public void A_local_report_names_the_ids_of_its_queries_in_verbose_as_on_Athena()
    {
        var report = Run("Get-KvsDetectionSummary -Local $folder -By Camera -Verbose");
        Assert.Empty(report.Errors);
        var ids = report.Verbose
            .Where(v => v.Contains("SUCCEEDED", StringComparison.Ordinal))
            .Select(v => v.Split(' ')[1])
            .ToList();
        Assert.NotEmpty(ids);
        var recorded = Run("Get-KvsQueryExecution -Local $folder -First 100").Output.Select(Id).ToList();
        Assert.All(ids, id => Assert.Contains(id, recorded));
    }

    [Fact]
    public void Unknown_ids_and_workgroups_are_the_errors_Athena_gives()
    {
        var known = Id(Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS one' -PassThru").Output[^1]);
        var missing = Guid.NewGuid().ToString();

        var get = Run($"Get-KvsQueryExecution -Local $folder -QueryExecutionId '{missing}', '{known}'");
        Assert.Equal(known, Id(Assert.Single(get.Output))); // the others are still written
        var notFound = Assert.Single(get.Errors);
        Assert.Equal(("KvsGetQueryExecutionNotFound", ErrorCategory.ObjectNotFound, (object)missing), (ErrorId(notFound), notFound.CategoryInfo.Category, notFound.TargetObject));
        Assert.False(string.IsNullOrEmpty(notFound.ErrorDetails?.RecommendedAction));

        var stop = Run($"Stop-KvsAthenaQuery -Local $folder -QueryExecutionId '{missing}' -Confirm:$false");
        var stopError = Assert.Single(stop.Errors);
        Assert.Equal(("KvsStopQueryExecutionNotFound", ErrorCategory.ObjectNotFound, (object)missing), (ErrorId(stopError), stopError.CategoryInfo.Category, stopError.TargetObject));

        var workGroup = Run("Get-KvsQueryExecution -Local $folder -WorkGroup primary");
        var wgError = Assert.Single(workGroup.Errors);
        Assert.Equal(("KvsListQueryExecutionsNotFound", ErrorCategory.ObjectNotFound, (object)"primary"), (ErrorId(wgError), wgError.CategoryInfo.Category, wgError.TargetObject));
        Assert.Empty(workGroup.Output);
        Assert.NotEmpty(Run("Get-KvsQueryExecution -Local $folder -WorkGroup KVSWorkshopWorkgroup").Output);

        var noStack = Run("Get-KvsQueryExecution -Local (Join-Path $folder nope)");
        Assert.Equal("KvsGetStackNotFound", ErrorId(Assert.Single(noStack.Errors)));
    }

    [Fact]
    public void Stopping_a_finished_query_changes_nothing_and_WhatIf_stops_nothing()
    {
        var execution = Run("Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS one' -PassThru").Output[^1];
        var id = Id(execution);

        var whatIf = Run($"Stop-KvsAthenaQuery -Local $folder -QueryExecutionId '{id}' -WhatIf -PassThru");
        Assert.Empty(whatIf.Output);

        var stopped = Run($"Get-KvsQueryExecution -Local $folder -QueryExecutionId '{id}' | Stop-KvsAthenaQuery -Confirm:$false -PassThru -Verbose");
        Assert.Empty(stopped.Errors);
        var after = Assert.Single(stopped.Output);
        Assert.Equal(("SUCCEEDED", id), ((string)after.Get("State")!, Id(after)));
        Assert.Contains(stopped.Verbose, v => v.Contains("already finished", StringComparison.Ordinal));
        Assert.Equal("SUCCEEDED", Run($"Get-KvsQueryExecution -Local $folder -QueryExecutionId '{id}'").Output.Single().Get("State"));
    }

    [Fact]
    public void A_stack_object_piped_to_Stop_is_not_taken_for_an_id()
    {
        var result = Run("Get-KvsReportingStack -Local $folder | Stop-KvsAthenaQuery -Confirm:$false");
        var error = Assert.Single(result.Errors);
        Assert.Equal("InputObjectMissingMandatory", ErrorId(error));
    }

    [Fact]
    public void Stop_from_another_runspace_cancels_a_running_query_which_is_RUNNING_until_then()
    {
        using var other = new PowerShellSession();
        using var ps = session.Create();
        ps.Runspace.SessionStateProxy.SetVariable("folder", stack.Folder);
        ps.AddScript($"Invoke-KvsAthenaQuery -Local $folder '{LocalQueryHistoryTests.LongQuery}'");
        var running = ps.BeginInvoke();

        var id = WaitForRunning(other);
        var stop = Run($"Stop-KvsAthenaQuery -Local $folder -QueryExecutionId '{id}' -Confirm:$false -PassThru", other);
        Assert.Empty(stop.Errors);
        Assert.Equal("CANCELLED", Assert.Single(stop.Output).Get("State"));

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
        ps.EndInvoke(running);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal(("KvsInvokeQueryCancelled", ErrorCategory.OperationStopped, (object)id), (ErrorId(error), error.CategoryInfo.Category, error.TargetObject));
        var recorded = Run($"Get-KvsQueryExecution -Local $folder -QueryExecutionId '{id}'").Output.Single();
        Assert.Equal(("CANCELLED", "Stopped by Stop-KvsAthenaQuery."), ((string)recorded.Get("State")!, (string)recorded.Get("StateChangeReason")!));
    }

    [Fact]
    public void Ctrl_C_and_Timeout_record_the_local_query_as_CANCELLED()
    {
        using var other = new PowerShellSession();
        using (var ps = session.Create())
        {
            ps.Runspace.SessionStateProxy.SetVariable("folder", stack.Folder);
            ps.AddScript($"Invoke-KvsAthenaQuery -Local $folder '{LocalQueryHistoryTests.LongQuery}'");
            var running = ps.BeginInvoke();
            var id = WaitForRunning(other);
            ps.Stop();
            Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
            var recorded = Run($"Get-KvsQueryExecution -Local $folder -QueryExecutionId '{id}'").Output.Single();
            Assert.Equal("CANCELLED", recorded.Get("State"));
            Assert.Contains("Ctrl+C", (string)recorded.Get("StateChangeReason")!, StringComparison.Ordinal);
        }

        var timedOut = Run($"Invoke-KvsAthenaQuery -Local $folder '{LocalQueryHistoryTests.LongQuery}' -Timeout 0.5");
        var error = Assert.Single(timedOut.Errors);
        Assert.Equal("KvsInvokeQueryTimeout", ErrorId(error));
        var last = Run("Get-KvsQueryExecution -Local $folder -First 1").Output.Single();
        Assert.Equal((error.TargetObject, "CANCELLED"), ((object)Id(last), (string)last.Get("State")!));
    }

    private string WaitForRunning(PowerShellSession on)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var running = Run("Get-KvsQueryExecution -Local $folder | Where-Object State -eq RUNNING", on).Output;
            if (running.Count > 0)
            {
                return Id(running[0]);
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("No local query showed as RUNNING within 30 s.");
    }

    public void Dispose()
    {
        session.Dispose();
        stack.Dispose();
    }
}
