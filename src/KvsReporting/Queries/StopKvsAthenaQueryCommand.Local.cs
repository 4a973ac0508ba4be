using System.Management.Automation;
using KvsReporting.Errors;
using KvsReporting.Local;

namespace KvsReporting.Queries;

/// <summary>Stop-KvsAthenaQuery on a local stack: stops a query its engine runs in this process.</summary>
public sealed partial class StopKvsAthenaQueryCommand
{
    /// <summary>How long to wait for a stopped query to end before writing its state (DuckDB stops at its next
    /// interrupt check, normally within milliseconds).</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    private async Task ProcessLocalAsync()
    {
        var local = Local!;
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(local));
        folder = new LocalStackStore().Open(folder).LocalPath!; // KvsGetStackNotFound for a folder without a stack
        foreach (var id in QueryExecutionId)
        {
            if (!await ShouldProcessAsync($"local query {id} (stack {folder})", "Stop"))
            {
                continue;
            }

            var (execution, stopped) = await LocalQueryEngine.Stop(folder, id, StopWait);
            if (execution is null)
            {
                EmitError(KvsErrors.Create(
                    new KvsReportingException($"The query execution '{id}' was not found in the local stack in '{folder}'."),
                    "KvsStopQueryExecutionNotFound",
                    ErrorCategory.ObjectNotFound,
                    id,
                    $"Check the id; Get-KvsQueryExecution -Local '{folder}' lists the stack's executions."));
                continue;
            }

            // As StopQueryExecution on Athena: stopping a finished query is accepted and changes nothing.
            EmitVerbose(stopped
                ? $"Local query {execution.QueryExecutionId} stopped: {execution.State}."
                : $"Local query {execution.QueryExecutionId} had already finished ({execution.State}); nothing to stop.");
            if (PassThru)
            {
                Emit(execution);
            }
        }
    }
}
