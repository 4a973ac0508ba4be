using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.QuickSight;

public sealed record CreateIngestionRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;

    /// <summary>Chosen by the caller (pattern <c>[a-zA-Z0-9-_]+</c>): a retried create reuses it.</summary>
    [AwsLocation(AwsMemberLocation.Uri, "IngestionId")]
    public string IngestionId { get; init; } = string.Empty;

    /// <summary>INCREMENTAL_REFRESH or FULL_REFRESH.</summary>
    public string? IngestionType { get; init; }
}

public sealed record CreateIngestionResponse : QuickSightResponse
{
    public string? Arn { get; init; }

    public string? IngestionId { get; init; }

    public string? IngestionStatus { get; init; }
}

public sealed record DescribeIngestionRequest
{


    [AwsLocation(AwsMemberLocation.Uri, "AwsAccountId")]
    public string AwsAccountId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "DataSetId")]
    public string DataSetId { get; init; } = string.Empty;

    [AwsLocation(AwsMemberLocation.Uri, "IngestionId")]
    public string IngestionId { get; init; } = string.Empty;
}

public sealed record DescribeIngestionResponse : QuickSightResponse
{
    public Ingestion? Ingestion { get; init; }
}

public sealed record Ingestion
{
    public string Arn { get; init; } = string.Empty;

    public string? IngestionId { get; init; }

    /// <summary>INITIALIZED, QUEUED, RUNNING, FAILED, COMPLETED or CANCELLED.</summary>
    public string IngestionStatus { get; init; } = string.Empty;

    public IngestionErrorInfo? ErrorInfo { get; init; }

    public RowInfo? RowInfo { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public long? IngestionTimeInSeconds { get; init; }

    public long? IngestionSizeInBytes { get; init; }

    public string? RequestSource { get; init; }

    public string? RequestType { get; init; }
}

public sealed record IngestionErrorInfo
{
    public string? Type { get; init; }

    public string? Message { get; init; }
}

public sealed record RowInfo
{
    public long? RowsIngested { get; init; }

    public long? RowsDropped { get; init; }

    public long? TotalRowsInDataset { get; init; }
}
