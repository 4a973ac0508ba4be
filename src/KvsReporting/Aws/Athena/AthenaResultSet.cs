namespace KvsReporting.Aws.Athena;

/// <summary>Athena <c>ResultSet</c>.</summary>
public sealed class AthenaResultSet
{
    public List<AthenaRow>? Rows { get; set; }

    public AthenaResultSetMetadata? ResultSetMetadata { get; set; }
}

/// <summary>Athena <c>Row</c>.</summary>
public sealed class AthenaRow
{
    public List<AthenaDatum>? Data { get; set; }
}

/// <summary>Athena <c>Datum</c>: a missing VarCharValue is SQL NULL.</summary>
public sealed class AthenaDatum
{
    public string? VarCharValue { get; set; }
}

/// <summary>Athena <c>ResultSetMetadata</c>.</summary>
public sealed class AthenaResultSetMetadata
{
    public List<AthenaColumnInfo>? ColumnInfo { get; set; }
}

/// <summary>Athena <c>ColumnInfo</c>.</summary>
public sealed class AthenaColumnInfo
{
    public string? CatalogName { get; set; }

    public string? SchemaName { get; set; }

    public string? TableName { get; set; }

    public string? Name { get; set; }

    public string? Label { get; set; }

    public string? Type { get; set; }

    public int? Precision { get; set; }

    public int? Scale { get; set; }

    /// <summary>NOT_NULL, NULLABLE or UNKNOWN.</summary>
    public string? Nullable { get; set; }

    public bool? CaseSensitive { get; set; }
}
