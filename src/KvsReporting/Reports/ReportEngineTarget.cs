namespace KvsReporting.Reports;

/// <summary>
/// Where report queries run, as the cmdlet's parameters say: a local stack folder (embedded engine) or an Athena
/// workgroup, catalog and database.
/// </summary>
public sealed record ReportEngineTarget
{
    /// <summary>Folder of a local stack; when set, the embedded engine runs the queries.</summary>
    public string? LocalPath { get; init; }

    public string? WorkGroup { get; init; }

    public string? Catalog { get; init; }

    public string? Database { get; init; }

    /// <summary>S3 location for Athena's results, when the workgroup does not enforce one.</summary>
    public string? OutputLocation { get; init; }

    /// <summary>How long each query may take before it is stopped.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The detections table (the DynamoDB table's name; the crawler lower-cases it).</summary>
    public string TableName { get; init; } = DetectionSql.Table;

    public bool IsLocal => !string.IsNullOrEmpty(LocalPath);

    public override string ToString() => IsLocal ? $"local stack {LocalPath}" : $"Athena {Catalog}.{Database} ({WorkGroup})";
}
