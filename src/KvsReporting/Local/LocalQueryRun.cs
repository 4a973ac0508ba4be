using System.Collections.Concurrent;
using System.Diagnostics;
using KvsReporting.Queries;
using KvsReporting.Queries.Sql;

namespace KvsReporting.Local;

/// <summary>
/// One query on the embedded engine from submission to its end: its id (a GUID, as Athena's), its clock, the
/// rows returned so far, and a stop switch that Stop-KvsAthenaQuery can pull from any runspace of the process.
/// While it runs it is listed in <see cref="Running"/>; when it ends it is appended to the stack's
/// <see cref="LocalQueryHistory"/>. Only the first end counts (a stop that arrives after the last row changes
/// nothing, as with Athena).
/// </summary>
internal sealed class LocalQueryRun : IDisposable
{
    private static readonly ConcurrentDictionary<string, LocalQueryRun> Running_ = new(StringComparer.Ordinal);
    private static string? engineVersion;

    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<LocalQueryRecord> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long startTimestamp = Stopwatch.GetTimestamp();
    private readonly object gate = new();
    private readonly QueryRequest request;
    private readonly string workGroup;
    private long executingTimestamp;
    private long rows;
    private bool disposed;

    private LocalQueryRun(string folder, string workGroup, QueryRequest request)
    {
        Folder = folder;
        this.workGroup = workGroup;
        this.request = request;
        Submitted = DateTimeOffset.UtcNow;
    }

    public string Id { get; } = Guid.NewGuid().ToString("D");

    public string Folder { get; }

    public DateTimeOffset Submitted { get; }

    /// <summary>Cancelled when Stop-KvsAthenaQuery stops the query.</summary>
    public CancellationToken StopToken => stop.Token;

    public bool StopRequested { get; private set; }

    /// <summary>Completes with the record once the query has ended.</summary>
    public Task<LocalQueryRecord> Ended => ended.Task;

    /// <summary>The running queries of this process, by id.</summary>
    public static IReadOnlyDictionary<string, LocalQueryRun> Running => Running_;

    public static LocalQueryRun Begin(string folder, string workGroup, QueryRequest request)
    {
        var run = new LocalQueryRun(folder, workGroup, request);
        Running_[run.Id] = run;
        return run;
    }

    /// <summary>DuckDB starts executing (the connection and the query context are ready).</summary>
    public void Executing(string? version)
    {
        executingTimestamp = Stopwatch.GetTimestamp();
        engineVersion ??= version is null ? null : "DuckDB " + version;
    }

    public void RowReturned() => rows++;

    /// <summary>Asks the query to stop; false when it had already ended.</summary>
    public bool RequestStop()
    {
        lock (gate)
        {
            if (ended.Task.IsCompleted || disposed)
            {
                return false;
            }

            StopRequested = true;
        }

        try
        {
            // outside the lock: cancelling runs the engine's callbacks (DuckDB's interrupt) on this thread
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the query ended between the check and the cancel: nothing left to stop
        }

        return true;
    }

    /// <summary>Ends the run (first call wins), records it in the stack's history and returns what was recorded.</summary>
    public LocalQueryRecord End(string state, string? reason = null)
    {
        LocalQueryRecord record;
        lock (gate)
        {
            if (ended.Task.IsCompleted)
            {
                return ended.Task.Result;
            }

            record = ToRecord(state, reason, Stopwatch.GetTimestamp(), final: true);
            Running_.TryRemove(Id, out _);
            LocalQueryHistory.Append(Folder, record);
            ended.SetResult(record);
        }

        return record;
    }

    /// <summary>The run as Get-KvsQueryExecution shows it: RUNNING until it ends.</summary>
    public LocalQueryRecord Snapshot()
    {
        if (ended.Task.IsCompleted)
        {
            return ended.Task.Result;
        }

        return ToRecord("RUNNING", null, Stopwatch.GetTimestamp(), final: false);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        Running_.TryRemove(Id, out _);
        stop.Dispose();
    }

    private LocalQueryRecord ToRecord(string state, string? reason, long now, bool final)
    {
        var executing = Volatile.Read(ref executingTimestamp);
        var total = Stopwatch.GetElapsedTime(startTimestamp, now);
        return new LocalQueryRecord
        {
            QueryExecutionId = Id,
            State = state,
            StateChangeReason = reason,
            Query = request.Sql,
            StatementType = StatementTypes.Of(request.Sql),
            ExecutionParameters = request.Parameters.Count == 0 ? null : request.Parameters.Select(Literal).ToList(),
            WorkGroup = workGroup,
            Catalog = request.Catalog ?? LocalCatalog.GlueCatalog,
            Database = request.Database ?? (string.Equals(request.Catalog, LocalCatalog.ConnectorCatalog, StringComparison.OrdinalIgnoreCase) ? LocalCatalog.ConnectorSchema : LocalCatalog.GlueDatabase),
            SubmissionDateTime = Submitted,
            CompletionDateTime = final ? Submitted + total : null,
            QueueMilliseconds = executing == 0 ? total.TotalMilliseconds : Stopwatch.GetElapsedTime(startTimestamp, executing).TotalMilliseconds,
            EngineMilliseconds = executing == 0 ? 0 : Stopwatch.GetElapsedTime(executing, now).TotalMilliseconds,
            TotalMilliseconds = total.TotalMilliseconds,
            RowsReturned = Volatile.Read(ref rows),
            EngineVersion = engineVersion,
        };
    }

    /// <summary>Parameters as Athena shows ExecutionParameters (SQL literals); a value Athena could not take is
    /// shown as quoted text (the local engine binds it anyway).</summary>
    private static string Literal(object? value)
    {
        try
        {
            return AthenaParameterLiteral.Format(value is System.Management.Automation.PSObject ps ? ps.BaseObject : value);
        }
        catch (ArgumentException)
        {
            return "'" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Replace("'", "''", StringComparison.Ordinal) + "'";
        }
    }
}
