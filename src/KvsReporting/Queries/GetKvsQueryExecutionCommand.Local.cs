using System.Management.Automation;
using KvsReporting.Errors;
using KvsReporting.Local;

namespace KvsReporting.Queries;

/// <summary>Get-KvsQueryExecution on a local stack: its query history, with the errors Athena gives for the same mistakes.</summary>
public sealed partial class GetKvsQueryExecutionCommand
{
    private async Task ProcessLocalAsync()
    {
        var local = Local!;
        var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(local));
        var stack = new LocalStackStore().Open(folder); // KvsGetStackNotFound for a folder without a stack
        folder = stack.LocalPath!;
        if (ById)
        {
            foreach (var id in QueryExecutionId)
            {
                if (LocalQueryEngine.FindExecution(folder, id) is { } execution)
                {
                    Emit(execution);
                }
                else
                {
                    EmitError(KvsErrors.Create(
                        new KvsReportingException($"Query execution '{id}' was not found in the query history of the local stack in '{folder}'."),
                        "KvsGetQueryExecutionNotFound",
                        ErrorCategory.ObjectNotFound,
                        id,
                        $"Check the id; Get-KvsQueryExecution -Local '{folder}' lists the stack's recent executions (the history keeps the newest 4-8 MB of them)."));
                }
            }

            return;
        }

        // Athena refuses to list a workgroup that does not exist; a local stack has exactly one.
        if (!string.IsNullOrEmpty(WorkGroup) && !string.Equals(WorkGroup, stack.WorkGroup, StringComparison.Ordinal))
        {
            throw KvsErrors.Terminating(
                $"The workgroup '{WorkGroup}' was not found: the local stack in '{folder}' has the workgroup '{stack.WorkGroup}'.",
                "KvsListQueryExecutionsNotFound",
                ErrorCategory.ObjectNotFound,
                WorkGroup,
                $"Omit -WorkGroup, or use '{stack.WorkGroup}'.");
        }

        foreach (var execution in LocalQueryEngine.RecentExecutions(folder, First))
        {
            Emit(execution);
        }
    }
}
