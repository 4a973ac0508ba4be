using KvsReporting.Aws.Athena;

namespace KvsReporting.Queries.Athena;

/// <summary>Athena's QueryExecution shape to the module's <see cref="KvsQueryExecution"/>.</summary>
public static class AthenaExecutionMapper
{
    public static KvsQueryExecution ToKvs(AthenaQueryExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var stats = execution.Statistics;
        return new KvsQueryExecution
        {
            QueryExecutionId = execution.QueryExecutionId ?? string.Empty,
            State = execution.Status?.State ?? "UNKNOWN",
            StateChangeReason = execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage,
            Query = execution.Query,
            StatementType = execution.StatementType,
            WorkGroup = execution.WorkGroup,
            Catalog = execution.QueryExecutionContext?.Catalog,
            Database = execution.QueryExecutionContext?.Database,
            OutputLocation = execution.ResultConfiguration?.OutputLocation,
            SubmissionDateTime = execution.Status?.SubmissionDateTime,
            CompletionDateTime = execution.Status?.CompletionDateTime,
            DataScannedInBytes = stats?.DataScannedInBytes ?? 0,
            EngineExecutionTime = Millis(stats?.EngineExecutionTimeInMillis),
            QueryQueueTime = Millis(stats?.QueryQueueTimeInMillis),
            QueryPlanningTime = Millis(stats?.QueryPlanningTimeInMillis),
            ServiceProcessingTime = Millis(stats?.ServiceProcessingTimeInMillis),
            TotalExecutionTime = Millis(stats?.TotalExecutionTimeInMillis),
            ReusedPreviousResult = stats?.ResultReuseInformation?.ReusedPreviousResult ?? false,
            EngineVersion = execution.EngineVersion?.EffectiveEngineVersion ?? execution.EngineVersion?.SelectedEngineVersion,
            ExecutionParameters = execution.ExecutionParameters ?? (IReadOnlyList<string>)Array.Empty<string>(),
        };
    }

    private static TimeSpan? Millis(long? value) => value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
