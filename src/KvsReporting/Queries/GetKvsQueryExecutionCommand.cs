using System.Management.Automation;
using KvsReporting.Completion;
using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Queries.Athena;

namespace KvsReporting.Queries;

/// <summary>
/// <para type="synopsis">Gets Athena query executions (or a local stack's): given ones by id, or the most recent ones of a workgroup.</para>
/// <para type="description">Writes KvsQueryExecution objects with state, reason, submission and completion times, data
/// scanned, engine/queue/planning/total times, whether a previous result was reused, the output location and the
/// estimated cost (USD 5 per TB scanned, 10 MB minimum per query). Without -QueryExecutionId it lists the workgroup's
/// recent executions (ListQueryExecutions, newest first) and fetches them in batches (BatchGetQueryExecution).</para>
/// <para type="description">With -Local it reads the query history of a local stack instead: every query its embedded engine
/// ran (Invoke-KvsAthenaQuery, Get-KvsDetection and the report cmdlets with -Local) has an id and a record with its
/// state, reason, times and rows returned; queries still running in this session show as RUNNING.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsQueryExecution", DefaultParameterSetName = RecentSet)]
[OutputType(typeof(KvsQueryExecution))]
public sealed partial class GetKvsQueryExecutionCommand : KvsAwsCmdlet
{
    private const string ByIdSet = "ById";
    private const string RecentSet = "Recent";
    private const int BatchSize = 50;

    /// <summary>
    /// <para type="description">Ids of the executions to get. Bound from objects with a QueryExecutionId property.</para>
    /// </summary>
    /// <remarks>Not ValueFromPipeline: a piped stack object would be turned into a string and taken for an id.
    /// Also in the Recent set, hidden and bound by property name only: PowerShell binds a piped object to
    /// the default (Recent) set first, where an execution's WorkGroup would bind and its id would not, so
    /// <c>$execution | Get-KvsQueryExecution</c> would list the workgroup instead of getting the execution.</remarks>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = RecentSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [ValidateNotNullOrEmpty]
    public string[] QueryExecutionId { get; set; } = [];

    /// <summary>
    /// <para type="description">The workgroup whose recent executions to list (Athena's default: primary). Bound from a stack object.</para>
    /// </summary>
    [Parameter(ParameterSetName = RecentSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(WorkGroupCompleter))]
    public string? WorkGroup { get; set; }

    /// <summary>
    /// <para type="description">How many recent executions to get (newest first). Default 20.</para>
    /// </summary>
    [Parameter(ParameterSetName = RecentSet)]
    [ValidateRange(1, 10000)]
    public int First { get; set; } = 20;

    /// <summary>
    /// <para type="description">Folder of a local stack: read its query history instead of Athena's. Bound from a local stack object's (or a local execution's) LocalPath.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    public string? Local { get; set; }

    /// <summary>Ids were given (by name, position or from a piped execution): get those, not the recent list.</summary>
    private bool ById => QueryExecutionId.Length > 0;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Local))
        {
            await ProcessLocalAsync();
            return;
        }

        var athena = GetAthenaClient(await GetAwsConnectionAsync());
        List<string> ids;
        try
        {
            if (ById)
            {
                ids = QueryExecutionId.ToList();
            }
            else
            {
                ids = [];
                await foreach (var id in athena.ListAllQueryExecutionIdsAsync(string.IsNullOrEmpty(WorkGroup) ? null : WorkGroup, cancellationToken))
                {
                    ids.Add(id);
                    if (ids.Count >= First)
                    {
                        break;
                    }
                }
            }

            foreach (var chunk in ids.Chunk(BatchSize))
            {
                foreach (var execution in await GetBatchAsync(athena, chunk, cancellationToken))
                {
                    Emit(execution);
                }
            }
        }
        catch (AmazonServiceException ex)
        {
            throw new KvsErrorException(AwsError(ex, null, ById ? string.Join(", ", QueryExecutionId) : WorkGroup ?? "primary"));
        }
    }

    private async Task<IReadOnlyList<KvsQueryExecution>> GetBatchAsync(AthenaClient athena, string[] ids, CancellationToken cancellationToken)
    {
        BatchGetQueryExecutionResponse batch;
        try
        {
            batch = await athena.BatchGetQueryExecutionAsync(new BatchGetQueryExecutionRequest { QueryExecutionIds = ids.ToList() }, cancellationToken);
        }
        catch (AmazonServiceException ex) when (IsUnsupported(ex))
        {
            // Some Athena-compatible endpoints (emulators) lack the batch call: get them one by one.
            EmitVerbose($"BatchGetQueryExecution is not available ({ex.StatusCode}); getting executions one by one.");
            var single = new List<KvsQueryExecution>();
            foreach (var id in ids)
            {
                var response = await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id }, cancellationToken);
                if (response.QueryExecution is { } e)
                {
                    single.Add(AthenaExecutionMapper.ToKvs(e));
                }
            }

            return single;
        }

        var byId = (batch.QueryExecutions ?? []).ToDictionary(e => e.QueryExecutionId ?? string.Empty, AthenaExecutionMapper.ToKvs, StringComparer.Ordinal);
        foreach (var missing in batch.UnprocessedQueryExecutionIds ?? [])
        {
            EmitError(KvsErrors.Create(
                new KvsReportingException($"Athena query execution '{missing.QueryExecutionId}' was not returned: {missing.ErrorCode} {missing.ErrorMessage}".TrimEnd()),
                "KvsGetQueryExecutionNotFound",
                ErrorCategory.ObjectNotFound,
                missing.QueryExecutionId,
                "Check the id, and that -Region points where the query ran (executions are kept 45 days)."));
        }

        // Keep the order the ids were asked in (ListQueryExecutions gives newest first).
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    private static bool IsUnsupported(AmazonServiceException ex) =>
        (int)ex.StatusCode is 404 or 501 or 500
        && ex.ErrorCode is null or "InternalFailure" or "NotImplemented" or "UnknownOperationException" or "InvalidAction";
}
