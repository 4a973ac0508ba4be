using System.Management.Automation;
using KvsReporting.Completion;
using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Queries.Athena;

namespace KvsReporting.Queries;

/// <summary>
/// <para type="synopsis">Gets Athena query executions: given ones by id, or the most recent ones of a workgroup.</para>
/// <para type="description">Writes KvsQueryExecution objects with state, reason, submission and completion times, data
/// scanned, engine/queue/planning/total times, whether a previous result was reused, the output location and the
/// estimated cost (USD 5 per TB scanned, 10 MB minimum per query). Without -QueryExecutionId it lists the workgroup's
/// recent executions (ListQueryExecutions, newest first) and fetches them in batches (BatchGetQueryExecution).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "KvsQueryExecution", DefaultParameterSetName = RecentSet)]
[OutputType(typeof(KvsQueryExecution))]
public sealed class GetKvsQueryExecutionCommand : KvsAwsCmdlet
{
    private const string ByIdSet = "ById";
    private const string RecentSet = "Recent";
    private const int BatchSize = 50;

    /// <summary>
    /// <para type="description">Ids of the executions to get. Bound from objects with a QueryExecutionId property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var athena = GetAthenaClient(await GetAwsConnectionAsync());
        List<string> ids;
        try
        {
            if (ParameterSetName == ByIdSet)
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
            throw new KvsErrorException(AwsError(ex, null, ParameterSetName == ByIdSet ? string.Join(", ", QueryExecutionId) : WorkGroup ?? "primary"));
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
