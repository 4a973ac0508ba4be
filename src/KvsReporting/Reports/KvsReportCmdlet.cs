using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Queries;
using KvsReporting.Completion;

namespace KvsReporting.Reports;

/// <summary>
/// What every report cmdlet shares: where the queries run (a local stack, or Athena's workgroup, catalog and
/// database, all bindable from a stack object in the pipeline) and the time range.
/// </summary>
public abstract class KvsReportCmdlet : KvsAsyncCmdlet
{
    /// <summary>
    /// <para type="description">Folder of a local reporting stack: the report runs on the embedded engine there
    /// instead of Athena. Binds from the LocalPath property of a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    public string? Local { get; set; }

    /// <summary>
    /// <para type="description">Athena workgroup the queries run in (AWS only). Binds from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(WorkGroupCompleter))]
    public string? WorkGroup { get; set; }

    /// <summary>
    /// <para type="description">Athena data catalog holding the detections table (AWS only): AwsDataCatalog for
    /// the Glue catalog, or the connector's catalog. Binds from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DataCatalogCompleter))]
    public string? Catalog { get; set; }

    /// <summary>
    /// <para type="description">Database holding the detections table (AWS only). Binds from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseCompleter))]
    public string? Database { get; set; }

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
            return new ReportEngineTarget { WorkGroup = WorkGroup, Catalog = Catalog, Database = Database };
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

        return new ReportEngineTarget { LocalPath = path };
    }

    /// <summary>Opens the engine for the target, runs the work, and releases the engine.</summary>
    private protected async Task WithEngineAsync(ReportEngineTarget target, Func<ReportQueries, Task> work)
    {
        var engine = ReportEngineFactory.Create(target, this, Operation);
        try
        {
            EmitVerbose($"Running on {target} ({engine.Dialect} SQL).");
            await work(new ReportQueries(engine, target)).ConfigureAwait(false);
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
