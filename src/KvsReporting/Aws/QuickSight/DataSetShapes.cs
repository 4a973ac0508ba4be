namespace KvsReporting.Aws.QuickSight;

// The parts of a QuickSight data set definition the module builds: a physical table over an Athena table
// (or custom SQL) and a logical table whose transforms type the columns.

public sealed record PhysicalTable
{
    public RelationalTable? RelationalTable { get; init; }

    public CustomSql? CustomSql { get; init; }
}

public sealed record RelationalTable
{
    public string DataSourceArn { get; init; } = string.Empty;

    /// <summary>The Athena catalog (data source name) the table lives in.</summary>
    public string? Catalog { get; init; }

    public string? Schema { get; init; }

    public string Name { get; init; } = string.Empty;

    public IReadOnlyList<InputColumn> InputColumns { get; init; } = [];
}

public sealed record CustomSql
{
    public string DataSourceArn { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string SqlQuery { get; init; } = string.Empty;

    public IReadOnlyList<InputColumn>? Columns { get; init; }
}

public sealed record InputColumn
{
    public string Name { get; init; } = string.Empty;

    /// <summary>STRING, INTEGER, DECIMAL, DATETIME, BIT, BOOLEAN or JSON.</summary>
    public string Type { get; init; } = "STRING";

    /// <summary>FLOAT or FIXED for DECIMAL columns.</summary>
    public string? SubType { get; init; }
}

public sealed record LogicalTable
{
    public string Alias { get; init; } = string.Empty;

    public IReadOnlyList<TransformOperation>? DataTransforms { get; init; }

    public LogicalTableSource Source { get; init; } = new();
}

public sealed record LogicalTableSource
{
    public string? PhysicalTableId { get; init; }

    public string? DataSetArn { get; init; }
}

/// <summary>A union: exactly one member is set.</summary>
public sealed record TransformOperation
{
    public ProjectOperation? ProjectOperation { get; init; }

    public RenameColumnOperation? RenameColumnOperation { get; init; }

    public CastColumnTypeOperation? CastColumnTypeOperation { get; init; }
}

public sealed record ProjectOperation
{
    public IReadOnlyList<string> ProjectedColumns { get; init; } = [];
}

public sealed record RenameColumnOperation
{
    public string ColumnName { get; init; } = string.Empty;

    public string NewColumnName { get; init; } = string.Empty;
}

public sealed record CastColumnTypeOperation
{
    public string ColumnName { get; init; } = string.Empty;

    /// <summary>STRING, INTEGER, DECIMAL or DATETIME.</summary>
    public string NewColumnType { get; init; } = "STRING";

    public string? SubType { get; init; }

    /// <summary>The date format QuickSight parses a string with (e.g. <c>yyyy-MM-dd'T'HH:mm:ss.SSSSSS</c>).</summary>
    public string? Format { get; init; }
}

public sealed record OutputColumn
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Type { get; init; }

    public string? SubType { get; init; }
}
