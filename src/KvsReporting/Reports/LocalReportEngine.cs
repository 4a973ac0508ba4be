using KvsReporting.Local;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>
/// The embedded engine for a report's run of queries. The embedded database closes when its last connection
/// does, so between two queries it would be re-attached and its cache dropped; holding one connection for the
/// report keeps it open and warm across the report's queries, and closes it when the report is done.
/// </summary>
internal sealed class LocalReportEngine : IQueryEngine, IDisposable
{
    private readonly LocalQueryEngine engine;
    private readonly LocalConnection keepOpen;

    /// <param name="localPath">The stack folder.</param>
    /// <param name="verbose">Where each query's id and summary go (as the Athena engine reports its queries).</param>
    public LocalReportEngine(string localPath, Action<string>? verbose = null)
    {
        engine = new LocalQueryEngine(localPath)
        {
            OnStarted = verbose is null ? null : id => verbose($"Local query {id} started."),
            OnFinished = verbose is null ? null : execution => verbose(execution.ToSummary()),
        };
        keepOpen = LocalDatabase.Open(engine.LocalPath);
    }

    public SqlDialect Dialect => engine.Dialect;

    public IAsyncEnumerable<object?[]> QueryAsync(QueryRequest request, Action<IReadOnlyList<QueryColumn>> onColumns, CancellationToken cancellationToken) =>
        engine.QueryAsync(request, onColumns, cancellationToken);

    public void Dispose() => keepOpen.Dispose();
}
