namespace KvsReporting.Aws.Glue;

/// <summary>Glue <c>Database</c>.</summary>
public sealed class GlueDatabase
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? LocationUri { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }

    public DateTimeOffset? CreateTime { get; set; }

    public string? CatalogId { get; set; }
}

/// <summary>Glue <c>Table</c> (the members the module reads).</summary>
public sealed class GlueTable
{
    public string? Name { get; set; }

    public string? DatabaseName { get; set; }

    public string? Description { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset? CreateTime { get; set; }

    public DateTimeOffset? UpdateTime { get; set; }

    public GlueStorageDescriptor? StorageDescriptor { get; set; }

    public List<GlueColumn>? PartitionKeys { get; set; }

    public string? TableType { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }

    public string? CreatedBy { get; set; }

    public string? CatalogId { get; set; }
}

/// <summary>Glue <c>StorageDescriptor</c> (the members the module reads).</summary>
public sealed class GlueStorageDescriptor
{
    public List<GlueColumn>? Columns { get; set; }

    public string? Location { get; set; }

    public Dictionary<string, string>? Parameters { get; set; }
}

/// <summary>Glue <c>Column</c>.</summary>
public sealed class GlueColumn
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? Comment { get; set; }
}
