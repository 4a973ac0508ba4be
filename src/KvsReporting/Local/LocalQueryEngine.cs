using System.Management.Automation;
using System.Numerics;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using KvsReporting.Errors;
using KvsReporting.Queries;

namespace KvsReporting.Local;

/// <summary>
/// Runs Athena SQL on a local stack's embedded DuckDB database. The statement is translated
/// (<see cref="AthenaSqlTranslator"/>), run with positional <c>?</c> parameters bound as values (never spliced
/// into the text), and its rows stream back with Athena's column type names. See docs/local-engine.md.
/// </summary>
public sealed class LocalQueryEngine : IQueryEngine
{
    /// <summary>Opens the engine of the stack in <paramref name="localPath"/>; a missing stack is a
    /// <c>KvsGetStackNotFound</c> error.</summary>
    public LocalQueryEngine(string localPath)
    {
        Stack = new LocalStackStore().Open(localPath);
        LocalPath = Stack.LocalPath!;
    }

    public string LocalPath { get; }

    public Stack.KvsReportingStack Stack { get; }

    public SqlDialect Dialect => SqlDialect.DuckDb;

    /// <summary>Called with the query's execution id when a query starts.</summary>
    public Action<string>? OnStarted { get; init; }

    /// <summary>Called with the recorded execution when a query ends (succeeded, failed or cancelled).</summary>
    public Action<KvsQueryExecution>? OnFinished { get; init; }

    /// <summary>The execution of the last query that ended (as recorded in the stack's query history).</summary>
    public KvsQueryExecution? Execution { get; private set; }

    /// <summary>The statement after translation, for -Verbose output and errors.</summary>
    public static AthenaSqlTranslation Translate(string sql)
    {
        try
        {
            return AthenaSqlTranslator.Translate(sql);
        }
        catch (UnsupportedAthenaSqlException ex)
        {
            throw LocalQueryErrors.FromUnsupported(ex, sql);
        }
    }

    /// <summary>Runs the query, streams its rows, and records the execution in the stack's query history
    /// (<see cref="LocalQueryHistory"/>): SUCCEEDED, FAILED with the error, or CANCELLED by the caller, by
    /// <see cref="QueryRequest.Timeout"/> or by Stop-KvsAthenaQuery (<see cref="Stop"/>).</summary>
    public async IAsyncEnumerable<object?[]> QueryAsync(
        QueryRequest request,
        Action<IReadOnlyList<QueryColumn>> onColumns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onColumns);
        using var run = LocalQueryRun.Begin(LocalPath, Stack.WorkGroup, request);
        OnStarted?.Invoke(run.Id);
        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, run.StopToken, timeout?.Token ?? CancellationToken.None);
        try
        {
            await using var rows = RunAsync(request, onColumns, run, linked.Token).GetAsyncEnumerator(linked.Token);
            while (true)
            {
                bool more;
                try
                {
                    more = await rows.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    var replacement = EndFailed(run, ex, request, timeout, cancellationToken);
                    if (replacement is null)
                    {
                        throw;
                    }

                    throw replacement;
                }

                if (!more)
                {
                    break;
                }

                run.RowReturned();
                yield return rows.Current;
            }
        }
        finally
        {
            // Also reached when the reader stops early: -MaxRows or a consumer that had enough is a success,
            // a cancelled caller (Ctrl+C, a stopped pipeline) is not.
            var record = run.End(cancellationToken.IsCancellationRequested ? "CANCELLED" : "SUCCEEDED", cancellationToken.IsCancellationRequested ? CancelledByCaller : null);
            Execution = record.ToExecution(LocalPath);
            try
            {
                OnFinished?.Invoke(Execution);
            }
            catch (OperationCanceledException)
            {
                // the caller stopped listening (Ctrl+C): the record is written, there is no one left to tell
            }
        }
    }

    /// <summary>Stops a query of this stack that runs in this process (Stop-KvsAthenaQuery) and waits up to
    /// <paramref name="wait"/> for it to end. Returns the execution (as it is after the stop), or null when
    /// the id is neither running nor in the stack's history.</summary>
    public static async Task<(KvsQueryExecution? Execution, bool Stopped)> Stop(string localPath, string queryExecutionId, TimeSpan wait)
    {
        var folder = FullPath(localPath);
        queryExecutionId = CanonicalId(queryExecutionId);
        if (LocalQueryRun.Running.TryGetValue(queryExecutionId, out var run) && run.Folder == folder && run.RequestStop())
        {
            await Task.WhenAny(run.Ended, Task.Delay(wait)).ConfigureAwait(false);
            return (run.Snapshot().ToExecution(folder), true);
        }

        return (FindExecution(folder, queryExecutionId), false);
    }

    /// <summary>Execution ids are GUIDs written in lower case (as Athena's): one pasted in upper case or with
    /// braces still finds its execution.</summary>
    public static string CanonicalId(string queryExecutionId) =>
        Guid.TryParse(queryExecutionId, out var guid) ? guid.ToString("D") : queryExecutionId;

    /// <summary>The execution with this id: running in this process, or in the stack's history; else null.</summary>
    public static KvsQueryExecution? FindExecution(string localPath, string queryExecutionId)
    {
        var folder = FullPath(localPath);
        queryExecutionId = CanonicalId(queryExecutionId);
        if (LocalQueryRun.Running.TryGetValue(queryExecutionId, out var run) && run.Folder == folder)
        {
            return run.Snapshot().ToExecution(folder);
        }

        return LocalQueryHistory.Find(folder, queryExecutionId)?.ToExecution(folder);
    }

    /// <summary>The newest executions of the stack, newest first: those running in this process, then the
    /// history.</summary>
    public static IReadOnlyList<KvsQueryExecution> RecentExecutions(string localPath, int first)
    {
        var folder = FullPath(localPath);
        var running = LocalQueryRun.Running.Values.Where(r => r.Folder == folder).Select(r => r.Snapshot()).ToList();
        return running
            .Concat(LocalQueryHistory.Recent(folder, first))
            .DistinctBy(r => r.QueryExecutionId, StringComparer.Ordinal)
            .OrderByDescending(r => r.SubmissionDateTime)
            .Take(first)
            .Select(r => r.ToExecution(folder))
            .ToList();
    }

    private const string CancelledByCaller = "The query was cancelled by its caller (Ctrl+C or a stopped pipeline).";

    /// <summary>Records a run that ended with an exception and says what the caller gets: null to rethrow it,
    /// else the error that replaces it (a timeout, a stop by Stop-KvsAthenaQuery).</summary>
    private static Exception? EndFailed(LocalQueryRun run, Exception ex, QueryRequest request, CancellationTokenSource? timeout, CancellationToken callerToken)
    {
        if (ex is not OperationCanceledException)
        {
            var id = ex is KvsErrorException kvs ? kvs.ErrorRecord.FullyQualifiedErrorId + ": " : string.Empty;
            run.End("FAILED", id + ex.Message);
            return null;
        }

        if (callerToken.IsCancellationRequested)
        {
            run.End("CANCELLED", CancelledByCaller);
            return new OperationCanceledException(callerToken);
        }

        if (run.StopRequested)
        {
            const string Reason = "Stopped by Stop-KvsAthenaQuery.";
            run.End("CANCELLED", Reason);
            return KvsErrors.Terminating(
                $"Local query {run.Id} CANCELLED: {Reason}",
                "KvsInvokeQueryCancelled",
                ErrorCategory.OperationStopped,
                run.Id,
                "The query was stopped (Stop-KvsAthenaQuery); run it again if it is still needed.",
                ex);
        }

        if (timeout?.IsCancellationRequested == true)
        {
            var reason = $"The query did not finish within {request.Timeout}; it was stopped.";
            run.End("CANCELLED", reason);
            return KvsErrors.Terminating(
                $"Local query {run.Id} did not finish within {request.Timeout}; it was stopped.",
                "KvsInvokeQueryTimeout",
                ErrorCategory.OperationTimeout,
                run.Id,
                "Raise -Timeout, or narrow the query.",
                ex);
        }

        run.End("CANCELLED", ex.Message);
        return null;
    }

    private async IAsyncEnumerable<object?[]> RunAsync(
        QueryRequest request,
        Action<IReadOnlyList<QueryColumn>> onColumns,
        LocalQueryRun run,
        [EnumeratorCancellation] CancellationToken token)
    {
        var translated = Translate(request.Sql).Sql;
        using var lease = OpenConnection();
        UseContext(lease.Connection, request);
        using var command = lease.Connection.CreateCommand();
        command.CommandText = translated;
        command.UseStreamingMode = true;
        foreach (var value in request.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(ToParameterValue(value)));
        }

        using var cancelRegistration = token.Register(() => Interrupt(command));
        run.Executing(lease.Connection.ServerVersion);
        DuckDBDataReader reader;
        try
        {
            reader = await Task.Run(() => (DuckDBDataReader)command.ExecuteReader(), token).ConfigureAwait(false);
        }
        catch (DuckDBException ex)
        {
            throw LocalQueryErrors.FromDuckDb(ex, request.Sql);
        }

        using (reader)
        {
            onColumns(DescribeColumns(reader, translated, request));
            long rows = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (DuckDBException ex)
                {
                    throw LocalQueryErrors.FromDuckDb(ex, request.Sql);
                }

                if (!more || (request.MaxRows is { } max && rows >= max))
                {
                    yield break;
                }

                token.ThrowIfCancellationRequested();
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : ToClr(reader.GetValue(i));
                }

                rows++;
                yield return row;
            }
        }
    }

    /// <summary>Runs a statement and collects every row: for small results and tests.</summary>
    public async Task<(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows)> QueryAllAsync(
        string sql,
        IReadOnlyList<object?>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<QueryColumn> columns = Array.Empty<QueryColumn>();
        var rows = new List<object?[]>();
        var request = new QueryRequest(sql) { Parameters = parameters ?? Array.Empty<object?>() };
        await foreach (var row in QueryAsync(request, c => columns = c, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return (columns, rows);
    }

    private static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private LocalConnection OpenConnection()
    {
        try
        {
            return LocalDatabase.Open(LocalPath);
        }
        catch (DuckDBException ex)
        {
            throw LocalQueryErrors.FromDuckDb(ex, LocalPath);
        }
    }

    private static void UseContext(DuckDBConnection connection, QueryRequest request)
    {
        if (request.Catalog is null && request.Database is null)
        {
            return;
        }

        var catalog = request.Catalog ?? LocalCatalog.GlueCatalog;
        var database = request.Database ?? (string.Equals(catalog, LocalCatalog.ConnectorCatalog, StringComparison.OrdinalIgnoreCase) ? LocalCatalog.ConnectorSchema : LocalCatalog.GlueDatabase);
        try
        {
            LocalDatabase.Execute(connection, $"USE {LocalCatalog.Quote(catalog)}.{LocalCatalog.Quote(database)}");
        }
        catch (DuckDBException ex)
        {
            throw KvsErrors.Terminating(
                $"The local stack has no catalog '{catalog}' with database '{database}'.",
                LocalQueryErrors.TableNotFound,
                ErrorCategory.ObjectNotFound,
                $"{catalog}.{database}",
                $"Use catalog '{LocalCatalog.GlueCatalog}' with database '{LocalCatalog.GlueDatabase}', or '{LocalCatalog.ConnectorCatalog}' with '{LocalCatalog.ConnectorSchema}'.",
                ex);
        }
    }

    private static void Interrupt(DuckDBCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the query already finished
        }
    }

    private List<QueryColumn> DescribeColumns(DuckDBDataReader reader, string sql, QueryRequest request)
    {
        var columns = new List<QueryColumn>(reader.FieldCount);
        var needFull = false;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var coarse = reader.GetDataTypeName(i);
            needFull |= AthenaTypeNames.NeedsFullType(coarse);
            columns.Add(new QueryColumn(reader.GetName(i), AthenaTypeNames.FromCoarse(coarse)));
        }

        if (needFull && FullTypes(sql, request) is { } full && full.Count == columns.Count)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                columns[i] = columns[i] with { AthenaType = AthenaTypeNames.FromDuckDb(full[i]) };
            }
        }

        return columns;
    }

    /// <summary>Decimal precision and nested types are only in DuckDB's full type text: DESCRIBE plans the
    /// statement again (without running it) to get them, on its own connection: a second statement on the
    /// query's connection would end the streaming result.</summary>
    private List<string>? FullTypes(string sql, QueryRequest request)
    {
        var parameters = request.Parameters;
        try
        {
            using var lease = OpenConnection();
            UseContext(lease.Connection, request);
            using var describe = lease.Connection.CreateCommand();
            describe.CommandText = "DESCRIBE " + sql.TrimEnd().TrimEnd(';');
            foreach (var value in parameters)
            {
                describe.Parameters.Add(new DuckDBParameter(ToParameterValue(value)));
            }

            using var r = describe.ExecuteReader();
            var types = new List<string>();
            while (r.Read())
            {
                types.Add(r.GetString(1));
            }

            return types;
        }
        catch (DuckDBException)
        {
            return null; // not a describable statement: keep the coarse names
        }
    }

    private static object ToParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        PSObject ps => ToParameterValue(ps.BaseObject),
        DateTimeOffset dto => dto.UtcDateTime,
        Enum e => e.ToString(),
        _ => value!,
    };

    /// <summary>DuckDB-specific values become the .NET values Athena results convert to.</summary>
    private static object? ToClr(object? value) => value switch
    {
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        BigInteger big => (decimal)big,
        ulong u => (decimal)u,
        uint u => (long)u,
        ushort u => (int)u,
        byte b => (short)b,
        _ => value,
    };
}
