namespace KvsReporting.Aws.Athena;

// Shapes of the Athena model (athena-2017-05-18) that the module sends and reads.

/// <summary>Athena <c>QueryExecution</c>.</summary>
public sealed class AthenaQueryExecution
{
    public string? QueryExecutionId { get; set; }

    public string? Query { get; set; }

    /// <summary>DDL, DML or UTILITY.</summary>
    public string? StatementType { get; set; }

    public AthenaResultConfiguration? ResultConfiguration { get; set; }

    public AthenaResultReuseConfiguration? ResultReuseConfiguration { get; set; }

    public AthenaQueryExecutionContext? QueryExecutionContext { get; set; }

    public AthenaQueryExecutionStatus? Status { get; set; }

    public AthenaQueryExecutionStatistics? Statistics { get; set; }

    public string? WorkGroup { get; set; }

    public AthenaEngineVersion? EngineVersion { get; set; }

    public List<string>? ExecutionParameters { get; set; }

    public string? SubstatementType { get; set; }
}

/// <summary>Athena <c>QueryExecutionContext</c>.</summary>
public sealed class AthenaQueryExecutionContext
{
    public string? Database { get; set; }

    public string? Catalog { get; set; }
}

/// <summary>Athena <c>ResultConfiguration</c>.</summary>
public sealed class AthenaResultConfiguration
{
    public string? OutputLocation { get; set; }

    public AthenaEncryptionConfiguration? EncryptionConfiguration { get; set; }

    public string? ExpectedBucketOwner { get; set; }
}

/// <summary>Athena <c>EncryptionConfiguration</c>.</summary>
public sealed class AthenaEncryptionConfiguration
{
    /// <summary>SSE_S3, SSE_KMS or CSE_KMS.</summary>
    public string? EncryptionOption { get; set; }

    public string? KmsKey { get; set; }
}

/// <summary>Athena <c>ResultReuseConfiguration</c>.</summary>
public sealed class AthenaResultReuseConfiguration
{
    public AthenaResultReuseByAgeConfiguration? ResultReuseByAgeConfiguration { get; set; }
}

/// <summary>Athena <c>ResultReuseByAgeConfiguration</c>.</summary>
public sealed class AthenaResultReuseByAgeConfiguration
{
    public bool Enabled { get; set; }

    public int? MaxAgeInMinutes { get; set; }
}

/// <summary>Athena <c>QueryExecutionStatus</c>.</summary>
public sealed class AthenaQueryExecutionStatus
{
    /// <summary>QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.</summary>
    public string? State { get; set; }

    public string? StateChangeReason { get; set; }

    public DateTimeOffset? SubmissionDateTime { get; set; }

    public DateTimeOffset? CompletionDateTime { get; set; }

    public AthenaError? AthenaError { get; set; }
}

/// <summary>Athena <c>AthenaError</c>.</summary>
public sealed class AthenaError
{
    public int? ErrorCategory { get; set; }

    public int? ErrorType { get; set; }

    public bool? Retryable { get; set; }

    public string? ErrorMessage { get; set; }
}

/// <summary>Athena <c>QueryExecutionStatistics</c>.</summary>
public sealed class AthenaQueryExecutionStatistics
{
    public long? EngineExecutionTimeInMillis { get; set; }

    public long? DataScannedInBytes { get; set; }

    public string? DataManifestLocation { get; set; }

    public long? TotalExecutionTimeInMillis { get; set; }

    public long? QueryQueueTimeInMillis { get; set; }

    public long? ServicePreProcessingTimeInMillis { get; set; }

    public long? QueryPlanningTimeInMillis { get; set; }

    public long? ServiceProcessingTimeInMillis { get; set; }

    public AthenaResultReuseInformation? ResultReuseInformation { get; set; }
}

/// <summary>Athena <c>ResultReuseInformation</c>.</summary>
public sealed class AthenaResultReuseInformation
{
    public bool ReusedPreviousResult { get; set; }
}

/// <summary>Athena <c>EngineVersion</c>.</summary>
public sealed class AthenaEngineVersion
{
    public string? SelectedEngineVersion { get; set; }

    public string? EffectiveEngineVersion { get; set; }
}

/// <summary>Athena <c>UnprocessedQueryExecutionId</c>.</summary>
public sealed class AthenaUnprocessedQueryExecutionId
{
    public string? QueryExecutionId { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }
}
