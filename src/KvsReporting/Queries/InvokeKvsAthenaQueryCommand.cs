using System.Management.Automation;
using KvsReporting.Detections;

namespace KvsReporting.Queries;

/// <summary>
/// <para type="synopsis">Runs a SQL query on Athena (or on a local stack's embedded engine) and writes its rows as typed objects.</para>
/// <para type="description">Starts the query once (with a client request token), polls it with a short first interval and
/// backoff while showing its state, elapsed time and data scanned, and streams the rows as they are read: from the result
/// CSV in S3 when it can be read, otherwise page by page from GetQueryResults. Every Athena type becomes a .NET value
/// (decimal stays exact, timestamps are UTC, arrays/maps/rows nest); NULL is $null, distinct from an empty string. Ctrl+C or
/// -Timeout stops the query on the service. A failed query is an error carrying Athena's reason, the query id and, for a
/// syntax error, the line and column. Repeated column names become name, name_2, ... on the row objects.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "KvsAthenaQuery")]
[OutputType(typeof(PSObject), typeof(LicensePlateDetection), typeof(KvsQueryExecution))]
public sealed class InvokeKvsAthenaQueryCommand : KvsQueryCmdlet
{
    /// <summary>
    /// <para type="description">The SQL statement. Use positional ? placeholders for values and pass them with -Parameter.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Query { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">Values for the ? placeholders, in order. They are sent as typed SQL literals (Athena ExecutionParameters) or bound parameters (local engine), never spliced into the SQL text.</para>
    /// </summary>
    [Parameter(Position = 1)]
    [AllowNull]
    public object?[]? Parameter { get; set; }

    /// <summary>
    /// <para type="description">Reuse the result of an identical query run within this many minutes (Athena result reuse): no data scanned, no charge.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 10080)]
    public int? ResultReuseMinutes { get; set; }

    /// <summary>
    /// <para type="description">Stop reading after this many rows (the query itself still runs to completion on Athena).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long? MaxRows { get; set; }

    /// <summary>
    /// <para type="description">Object (default): one object per row with a property per column. Detection: LicensePlateDetection objects from a result with the detection table's columns.</para>
    /// </summary>
    [Parameter]
    public QueryOutputKind As { get; set; } = QueryOutputKind.Object;

    /// <summary>
    /// <para type="description">Also write the KvsQueryExecution (state, statistics, estimated cost) after the rows.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var engine = await CreateEngineAsync();
        var parameters = (Parameter ?? []).Select(p => p is PSObject ps ? ps.BaseObject : p).ToArray();
        var request = Request(Query, parameters, MaxRows, ResultReuseMinutes);
        await StreamAsync(engine, request, As, PassThru.IsPresent, cancellationToken);
    }
}
