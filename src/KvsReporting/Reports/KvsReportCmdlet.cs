using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Errors;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>
/// What every report cmdlet shares: where the queries run (KvsQueryCmdlet's -Local, or Athena's -WorkGroup,
/// -Catalog, -Database with the AWS connection parameters, all bindable from a stack object in the pipeline) and
/// the time range.
/// </summary>
public abstract class KvsReportCmdlet : KvsQueryCmdlet
{
    /// <summary>
    /// <para type="description">Only detections at or after this time. A time without a kind is read as UTC
    /// (the table's clock); a local time is converted to UTC.</para>
    /// </summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>
    /// <para type="description">Only detections before this time (exclusive), read like -After.</para>
    /// </summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>
    /// <para type="description">The detections table: the DynamoDB table's name, which the crawler lower-cases
    /// (default licenseplatedetections). Bound from a stack object's TableName.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TableCompleter))]
    public string TableName { get; set; } = DetectionSql.Table;

    private const string QueryErrorPrefix = "KvsInvokeQuery";

    /// <summary>The operation name used in error ids (Kvs&lt;Operation&gt;&lt;Reason&gt;), e.g. GetDetectionSummary.</summary>
    protected abstract string Operation { get; }

    /// <summary>The time range, checked: -After must come before -Before.</summary>
    protected ReportRange ResolveRange()
    {
        var range = ReportRange.From(After, Before);
        if (range.After is { } a && range.Before is { } b && a >= b)
        {
            throw KvsErrors.Terminating(
                $"-After ({a:u}) must be earlier than -Before ({b:u}).",
                $"Kvs{Operation}InvalidRange",
                ErrorCategory.InvalidArgument,
                Before,
                "Swap the two times or widen the range.");
        }

        return range;
    }

    /// <summary>Resolves -Local against the current location (on the pipeline thread) and checks the folder.</summary>
    protected async Task<ReportEngineTarget> ResolveTargetAsync()
    {
        if (string.IsNullOrEmpty(Local))
        {
            return new ReportEngineTarget
            {
                WorkGroup = Blank(WorkGroup),
                Catalog = Blank(Catalog),
                Database = Blank(Database),
                OutputLocation = Blank(OutputLocation),
                Timeout = Timeout,
                TableName = TableName,
            };
        }

        var local = Local;
        var path = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(local)).ConfigureAwait(false);
        if (!Directory.Exists(path))
        {
            throw KvsErrors.Terminating(
                $"No local reporting stack was found at '{path}'.",
                $"Kvs{Operation}LocalStackNotFound",
                ErrorCategory.ObjectNotFound,
                path,
                "Create one with New-KvsReportingStack -Local <path>, or pass the folder of an existing local stack.");
        }

        return new ReportEngineTarget { LocalPath = path, TableName = TableName };
    }

    /// <summary>Opens the engine for the target, runs the work, and releases the engine.</summary>
    private protected async Task WithEngineAsync(ReportEngineTarget target, Func<ReportQueries, Task> work)
    {
        // The embedded engine is held open for all of the report's queries (LocalReportEngine); Athena comes with
        // this cmdlet's connection settings from KvsQueryCmdlet.
        var engine = target.IsLocal ? new LocalReportEngine(target.LocalPath!, EmitVerbose) : await CreateEngineAsync().ConfigureAwait(false);
        try
        {
            EmitVerbose($"Running on {target} ({engine.Dialect} SQL).");
            // RunQueryAsync reports AWS failures the module's way (error code, request id, category).
            await RunQueryAsync(Operation, () => work(new ReportQueries(engine, target))).ConfigureAwait(false);
        }
        catch (KvsErrorException ex) when (ex.ErrorRecord.FullyQualifiedErrorId.StartsWith(QueryErrorPrefix, StringComparison.Ordinal))
        {
            // The engine words query errors for the query cmdlets (id KvsInvokeQuery..., the SQL as target); a
            // report user wrote no SQL, so the error names this cmdlet's operation and the stack instead.
            var reason = ex.ErrorRecord.FullyQualifiedErrorId[QueryErrorPrefix.Length..].Split(',')[0];
            throw new KvsErrorException(KvsErrors.Create(
                ex.ErrorRecord.Exception,
                $"Kvs{Operation}{reason}",
                ex.ErrorRecord.CategoryInfo.Category,
                target.IsLocal ? target.LocalPath : target.Database,
                ex.ErrorRecord.ErrorDetails?.RecommendedAction));
        }
        finally
        {
            await ReleaseAsync(engine).ConfigureAwait(false);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static async ValueTask ReleaseAsync(IQueryEngine engine)
    {
        switch (engine)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
