using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using KvsReporting.Aws.Athena;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Queries.Results;
using KvsReporting.Queries.Sql;

namespace KvsReporting.Queries.Athena;

/// <summary>
/// Runs SQL on Athena: starts the query once (with a client request token, so the SDK's own retries cannot start a
/// second one), polls until it finishes (short first wait, then backoff; longer after throttling), stops it on the
/// service when the caller cancels or the timeout passes, and streams the rows: from the result CSV in S3 when it
/// can be read, else page by page from GetQueryResults. Both paths convert with the same converter.
/// </summary>
public sealed class AthenaQueryEngine : IQueryEngine
{
    private static readonly TimeSpan StopCallLimit = TimeSpan.FromSeconds(30);
    private readonly AthenaClient athena;
    private readonly Func<IAmazonS3>? s3;

    /// <param name="athena">The Athena client.</param>
    /// <param name="s3">Gives the S3 client for the result CSV; null to always page GetQueryResults.</param>
    public AthenaQueryEngine(AthenaClient athena, Func<IAmazonS3>? s3)
    {
        this.athena = athena ?? throw new ArgumentNullException(nameof(athena));
        this.s3 = s3;
    }

    public SqlDialect Dialect => SqlDialect.Athena;

    /// <summary>Called after each poll with the execution so far and the time since submission.</summary>
    public Action<KvsQueryExecution, TimeSpan>? OnProgress { get; init; }

    /// <summary>Verbose notes (which result path, why a fallback).</summary>
    public Action<string>? OnVerbose { get; init; }

    /// <summary>Called once with the query's id right after Athena accepted it.</summary>
    public Action<string>? OnStarted { get; init; }

    /// <summary>First poll interval (100 ms by default).</summary>
    public TimeSpan FirstPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The execution as last seen (after QueryAsync finished waiting).</summary>
    public KvsQueryExecution? Execution { get; private set; }

    /// <summary>Where the rows came from: "S3 result CSV" or "GetQueryResults pages".</summary>
    public string? ResultPath { get; private set; }

    public async IAsyncEnumerable<object?[]> QueryAsync(
        QueryRequest request,
        Action<IReadOnlyList<QueryColumn>> onColumns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onColumns);
        var execution = await RunToCompletionAsync(request, cancellationToken).ConfigureAwait(false);
        await foreach (var row in ReadResultsAsync(execution, request.MaxRows, onColumns, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Streams the rows of a finished query: from its result CSV when readable, else from GetQueryResults.</summary>
    public async IAsyncEnumerable<object?[]> ReadResultsAsync(
        KvsQueryExecution execution,
        long? maxRows,
        Action<IReadOnlyList<QueryColumn>> onColumns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(onColumns);

        // Column names and types: the first page's metadata (one row asked for; the CSV has no types).
        var first = await athena.GetQueryResultsAsync(new GetQueryResultsRequest { QueryExecutionId = execution.QueryExecutionId, MaxResults = 1 }, cancellationToken).ConfigureAwait(false);
        var columns = AthenaColumns.From(first.ResultSet?.ResultSetMetadata);
        onColumns(columns);
        var converter = new ResultRowConverter(columns);
        var isSelect = string.Equals(execution.StatementType, "DML", StringComparison.OrdinalIgnoreCase);

        var csv = isSelect && columns.Count > 0 ? await TryOpenCsvAsync(execution, cancellationToken).ConfigureAwait(false) : null;
        if (csv is not null)
        {
            ResultPath = "S3 result CSV";
            await using (csv.ConfigureAwait(false))
            {
                await foreach (var row in CsvResultReader.ReadAsync(csv, converter, maxRows, cancellationToken).ConfigureAwait(false))
                {
                    yield return row;
                }
            }

            yield break;
        }

        ResultPath = "GetQueryResults pages";
        var pages = athena.GetQueryResultPagesAsync(execution.QueryExecutionId, PagedResultReader.PageSize, cancellationToken);
        await foreach (var row in PagedResultReader.ReadAsync(pages, converter, isSelect, maxRows, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Starts the query and waits for it to finish; a failed or cancelled query is an error.</summary>
    public async Task<KvsQueryExecution> RunToCompletionAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = BuildStart(request);

        // The start call itself is never cancelled half-way: once Athena may have accepted the query its id must
        // be known, or a Ctrl+C right now would leave it running unseen. If the caller gives up while the call is
        // in flight, the caller is released at once and the query is stopped as soon as its id arrives.
        cancellationToken.ThrowIfCancellationRequested();
        var starting = StartAsync(start);
        var gaveUp = Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
        if (await Task.WhenAny(starting, gaveUp).ConfigureAwait(false) != starting)
        {
            _ = starting.ContinueWith(
                t => t.IsCompletedSuccessfully && t.Result is { } late ? StopAsync(late, report: false) : Task.CompletedTask,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default).Unwrap();
            throw new OperationCanceledException(cancellationToken);
        }

        var id = await starting.ConfigureAwait(false)
            ?? throw new KvsReportingException("Athena accepted the query without returning its id.");
        OnStarted?.Invoke(id);
        OnVerbose?.Invoke($"Athena query {id} submitted (client request token {start.ClientRequestToken}).");

        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var clock = Stopwatch.StartNew();
        KvsQueryExecution execution;
        try
        {
            execution = await PollAsync(id, clock, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            var stopped = await StopAsync(id).ConfigureAwait(false);
            if (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
            {
                throw KvsErrors.Terminating(
                    $"Athena query {id} did not finish within {request.Timeout}; it was {(stopped ? "stopped on the service" : "asked to stop, but the stop call failed")}.",
                    "KvsInvokeQueryTimeout",
                    ErrorCategory.OperationTimeout,
                    id,
                    "Raise -Timeout, narrow the query (partitions, LIMIT), or check the workgroup's queue.");
            }

            throw;
        }

        Execution = execution;
        OnVerbose?.Invoke(execution.ToSummary());
        if (execution.State != "SUCCEEDED")
        {
            throw Failed(execution);
        }

        return execution;
    }

    private async Task<string?> StartAsync(StartQueryExecutionRequest start)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return (await athena.StartQueryExecutionAsync(start, limit.Token).ConfigureAwait(false)).QueryExecutionId;
    }

    /// <summary>Asks Athena to stop a query; true when the call succeeded. Never throws.</summary>
    /// <param name="queryExecutionId">The query to stop.</param>
    /// <param name="report">False when the caller is gone (nothing may be written to its streams any more).</param>
    public async Task<bool> StopAsync(string queryExecutionId, bool report = true)
    {
        using var limit = new CancellationTokenSource(StopCallLimit);
        try
        {
            await athena.StopQueryExecutionAsync(new StopQueryExecutionRequest { QueryExecutionId = queryExecutionId }, limit.Token).ConfigureAwait(false);
            if (report)
            {
                OnVerbose?.Invoke($"Athena query {queryExecutionId} stopped on the service (StopQueryExecution).");
            }

            return true;
        }
        catch (Exception ex) when (ex is AmazonServiceException or OperationCanceledException or HttpRequestException or AmazonClientException)
        {
            if (report)
            {
                OnVerbose?.Invoke($"StopQueryExecution for {queryExecutionId} failed: {ex.Message}");
            }

            return false;
        }
    }

    private async Task<KvsQueryExecution> PollAsync(string id, Stopwatch clock, CancellationToken token)
    {
        var schedule = new PollSchedule(FirstPollInterval);
        while (true)
        {
            KvsQueryExecution current;
            try
            {
                var response = await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id }, token).ConfigureAwait(false);
                current = AthenaExecutionMapper.ToKvs(response.QueryExecution ?? new AthenaQueryExecution { QueryExecutionId = id });
            }
            catch (AmazonServiceException ex) when (IsThrottling(ex))
            {
                var wait = schedule.Throttled();
                OnVerbose?.Invoke($"GetQueryExecution was throttled; polling again in {wait.TotalSeconds:0.#} s.");
                await Task.Delay(wait, token).ConfigureAwait(false);
                continue;
            }

            Execution = current;
            OnProgress?.Invoke(current, clock.Elapsed);
            if (current.IsFinished)
            {
                return current;
            }

            await Task.Delay(schedule.Next(), token).ConfigureAwait(false);
        }
    }

    private static StartQueryExecutionRequest BuildStart(QueryRequest request)
    {
        var start = new StartQueryExecutionRequest
        {
            QueryString = request.Sql,
            ClientRequestToken = Guid.NewGuid().ToString("N"),
            WorkGroup = request.WorkGroup,
        };
        if (request.Catalog is not null || request.Database is not null)
        {
            start.QueryExecutionContext = new AthenaQueryExecutionContext { Catalog = request.Catalog, Database = request.Database };
        }

        if (request.OutputLocation is not null)
        {
            start.ResultConfiguration = new AthenaResultConfiguration { OutputLocation = request.OutputLocation };
        }

        if (request.Parameters.Count > 0)
        {
            start.ExecutionParameters = request.Parameters.Select(p => AthenaParameterLiteral.Format(p is PSObject ps ? ps.BaseObject : p)).ToList();
        }

        if (request.ResultReuseMinutes is > 0)
        {
            start.ResultReuseConfiguration = new AthenaResultReuseConfiguration
            {
                ResultReuseByAgeConfiguration = new AthenaResultReuseByAgeConfiguration { Enabled = true, MaxAgeInMinutes = request.ResultReuseMinutes },
            };
        }

        return start;
    }

    private async Task<Stream?> TryOpenCsvAsync(KvsQueryExecution execution, CancellationToken cancellationToken)
    {
        if (s3 is null)
        {
            return null;
        }

        if (!S3Location.TryParse(execution.OutputLocation, out var location) || !location.Key.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            OnVerbose?.Invoke("No result CSV location (managed query results?); reading GetQueryResults pages.");
            return null;
        }

        try
        {
            var (body, length, check) = await ResultCsvOpener.OpenAsync(s3(), location, cancellationToken).ConfigureAwait(false);
            OnVerbose?.Invoke($"Reading the result CSV {location} ({KvsQueryExecution.FormatBytes(length)}; {check}).");
            return body;
        }
        catch (AmazonServiceException ex)
        {
            OnVerbose?.Invoke($"Cannot read the result CSV {location} ({ex.ErrorCode ?? ex.StatusCode.ToString()}: {ex.Message}); reading GetQueryResults pages instead.");
            return null;
        }
    }

    private static bool IsThrottling(AmazonServiceException ex) =>
        (int)ex.StatusCode == 429
        || (ex.ErrorCode is { } code && (code.StartsWith("Throttl", StringComparison.OrdinalIgnoreCase) || code.StartsWith("TooManyRequests", StringComparison.OrdinalIgnoreCase)));

    private static KvsErrorException Failed(KvsQueryExecution execution)
    {
        var exception = new AthenaQueryFailedException(execution);
        var reason = execution.StateChangeReason ?? string.Empty;
        var (id, category, action) = execution.State == "CANCELLED"
            ? ("KvsInvokeQueryCancelled", ErrorCategory.OperationStopped, "The query was stopped (Stop-KvsAthenaQuery, the console, or a workgroup limit); run it again if it is still needed.")
            : reason.Contains("TABLE_NOT_FOUND", StringComparison.OrdinalIgnoreCase) || reason.Contains("SCHEMA_NOT_FOUND", StringComparison.OrdinalIgnoreCase)
                ? (LocalQueryErrors.TableNotFound, ErrorCategory.ObjectNotFound, "Check the table name, -Catalog and -Database (a crawler run creates the Glue table).")
                : reason.Contains("COLUMN_NOT_FOUND", StringComparison.OrdinalIgnoreCase)
                    ? (LocalQueryErrors.ColumnNotFound, ErrorCategory.InvalidArgument, "Check the column names (Athena lower-cases them).")
                    : exception.Line is not null
                        ? ("KvsInvokeQuerySyntaxError", ErrorCategory.ParserError, "Fix the SQL at the line and column given.")
                        : (LocalQueryErrors.QueryFailed, ErrorCategory.InvalidOperation, "See Athena's reason; Get-KvsQueryExecution shows the execution.");
        return new KvsErrorException(KvsErrors.Create(exception, id, category, execution.QueryExecutionId, action));
    }
}
