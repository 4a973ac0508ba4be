namespace KvsReporting.Aws.Athena;

/// <summary>Athena <c>WorkGroup</c>.</summary>
public sealed class AthenaWorkGroup
{
    public string? Name { get; set; }

    /// <summary>ENABLED or DISABLED.</summary>
    public string? State { get; set; }

    public AthenaWorkGroupConfiguration? Configuration { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset? CreationTime { get; set; }
}

/// <summary>Athena <c>WorkGroupConfiguration</c> (the members the module reads).</summary>
public sealed class AthenaWorkGroupConfiguration
{
    public AthenaResultConfiguration? ResultConfiguration { get; set; }

    public bool? EnforceWorkGroupConfiguration { get; set; }

    public bool? PublishCloudWatchMetricsEnabled { get; set; }

    public long? BytesScannedCutoffPerQuery { get; set; }

    public bool? RequesterPaysEnabled { get; set; }

    public AthenaEngineVersion? EngineVersion { get; set; }
}

/// <summary>Athena <c>WorkGroupSummary</c>.</summary>
public sealed class AthenaWorkGroupSummary
{
    public string? Name { get; set; }

    public string? State { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset? CreationTime { get; set; }

    public AthenaEngineVersion? EngineVersion { get; set; }
}

/// <summary>Athena <c>DataCatalog</c>.</summary>
public sealed class AthenaDataCatalog
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>LAMBDA, GLUE, HIVE or FEDERATED.</summary>
    public string? Type { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }

    public string? Status { get; set; }

    public string? ConnectionType { get; set; }

    public string? Error { get; set; }
}

/// <summary>Athena <c>DataCatalogSummary</c>.</summary>
public sealed class AthenaDataCatalogSummary
{
    public string? CatalogName { get; set; }

    public string? Type { get; set; }

    public string? Status { get; set; }

    public string? ConnectionType { get; set; }

    public string? Error { get; set; }
}

/// <summary>Athena <c>Tag</c>.</summary>
public sealed class AthenaTag
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

/// <summary>Athena <c>Database</c>.</summary>
public sealed class AthenaDatabase
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }
}

/// <summary>Athena <c>TableMetadata</c>.</summary>
public sealed class AthenaTableMetadata
{
    public string? Name { get; set; }

    public DateTimeOffset? CreateTime { get; set; }

    public DateTimeOffset? LastAccessTime { get; set; }

    public string? TableType { get; set; }

    public List<AthenaColumn>? Columns { get; set; }

    public List<AthenaColumn>? PartitionKeys { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }
}

/// <summary>Athena <c>Column</c>.</summary>
public sealed class AthenaColumn
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? Comment { get; set; }
}
