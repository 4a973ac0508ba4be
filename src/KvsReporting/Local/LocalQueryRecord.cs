using System.Text.Json.Serialization;
using KvsReporting.Queries;

namespace KvsReporting.Local;

/// <summary>
/// One finished query of the embedded engine as one line of the stack's query history (JSON): what Athena keeps
/// for a query execution, in the names of Athena's GetQueryExecution.
/// </summary>
internal sealed record LocalQueryRecord
{
    [JsonPropertyName("id")]
    public string QueryExecutionId { get; init; } = string.Empty;

    [JsonPropertyName("state")]
    public string State { get; init; } = string.Empty;

    [JsonPropertyName("reason")]
    public string? StateChangeReason { get; init; }

    [JsonPropertyName("query")]
    public string Query { get; init; } = string.Empty;

    [JsonPropertyName("statementType")]
    public string StatementType { get; init; } = "DML";

    [JsonPropertyName("parameters")]
    public IReadOnlyList<string>? ExecutionParameters { get; init; }

    [JsonPropertyName("workGroup")]
    public string? WorkGroup { get; init; }

    [JsonPropertyName("catalog")]
    public string? Catalog { get; init; }

    [JsonPropertyName("database")]
    public string? Database { get; init; }

    [JsonPropertyName("submitted")]
    public DateTimeOffset SubmissionDateTime { get; init; }

    [JsonPropertyName("completed")]
    public DateTimeOffset? CompletionDateTime { get; init; }

    [JsonPropertyName("queueMs")]
    public double? QueueMilliseconds { get; init; }

    [JsonPropertyName("engineMs")]
    public double? EngineMilliseconds { get; init; }

    [JsonPropertyName("totalMs")]
    public double? TotalMilliseconds { get; init; }

    [JsonPropertyName("rows")]
    public long RowsReturned { get; init; }

    [JsonPropertyName("engineVersion")]
    public string? EngineVersion { get; init; }

    public KvsQueryExecution ToExecution(string localPath) => new()
    {
        QueryExecutionId = QueryExecutionId,
        Engine = "Local",
        State = State,
        StateChangeReason = StateChangeReason,
        Query = Query,
        StatementType = StatementType,
        ExecutionParameters = ExecutionParameters ?? Array.Empty<string>(),
        WorkGroup = WorkGroup,
        Catalog = Catalog,
        Database = Database,
        SubmissionDateTime = SubmissionDateTime,
        CompletionDateTime = CompletionDateTime,
        QueryQueueTime = Millis(QueueMilliseconds),
        EngineExecutionTime = Millis(EngineMilliseconds),
        TotalExecutionTime = Millis(TotalMilliseconds),
        RowsReturned = RowsReturned,
        EngineVersion = EngineVersion,
        LocalPath = localPath,
    };

    private static TimeSpan? Millis(double? value) => value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}

/// <summary>Source-generated serialization: no reflection warm-up on a session's first query.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LocalQueryRecord))]
internal sealed partial class LocalQueryRecordJson : JsonSerializerContext
{
}
