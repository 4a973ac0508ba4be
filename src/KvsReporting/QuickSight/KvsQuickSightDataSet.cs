namespace KvsReporting.QuickSight;

/// <summary>
/// A QuickSight data set over the detections table, with its Athena data source and latest known ingestion.
/// DataSetId binds Get-/Remove-KvsQuickSightDataSet; WorkGroup, Catalog and Database match the stack's names.
/// </summary>
public sealed class KvsQuickSightDataSet
{
    public string DataSetId { get; set; } = string.Empty;

    public string DataSetName { get; set; } = string.Empty;

    public string? Arn { get; set; }

    /// <summary>Created, Updated, Unchanged (what New- did) or Present (Get-).</summary>
    public string Status { get; set; } = "Present";

    /// <summary>SPICE or DIRECT_QUERY.</summary>
    public string ImportMode { get; set; } = "SPICE";

    public string DataSourceId { get; set; } = string.Empty;

    public string? DataSourceArn { get; set; }

    public string? WorkGroup { get; set; }

    public string? Catalog { get; set; }

    public string? Database { get; set; }

    public string? TableName { get; set; }

    /// <summary>Output columns as "name:TYPE".</summary>
    public IReadOnlyList<string> Columns { get; set; } = [];

    public IReadOnlyList<string> Principals { get; set; } = [];

    public string? IngestionId { get; set; }

    /// <summary>QUEUED, RUNNING, COMPLETED, FAILED... of the ingestion this run started or waited for.</summary>
    public string? IngestionStatus { get; set; }

    public long? RowsIngested { get; set; }

    public long? RowsDropped { get; set; }

    public DateTimeOffset? LastUpdatedTime { get; set; }

    public string? AwsAccountId { get; set; }

    public string? Region { get; set; }

    public string? EndpointUrl { get; set; }

    public override string ToString() => $"{DataSetId} ({ImportMode}, {Status})";
}
