namespace KvsReporting.Queries;

/// <summary>SQL dialect an engine speaks; report and detection SQL is generated per dialect.</summary>
public enum SqlDialect
{
    /// <summary>Athena (Trino/Presto SQL) over the Glue catalog or a connector catalog.</summary>
    Athena,

    /// <summary>The embedded DuckDB engine of a local stack.</summary>
    DuckDb,
}

/// <summary>One result column: name as the engine returned it, and its Athena type name (varchar, bigint,
/// decimal(10,2), timestamp, array(varchar), row(a integer, b varchar), ...). Local engines map their types to
/// Athena's names so both engines describe results the same way.</summary>
public sealed record QueryColumn(string Name, string AthenaType);

/// <summary>What a query asks for. Parameters bind to positional <c>?</c> placeholders as data, never as SQL.</summary>
public sealed record QueryRequest(string Sql)
{
    public IReadOnlyList<object?> Parameters { get; init; } = Array.Empty<object?>();

    public string? Catalog { get; init; }

    public string? Database { get; init; }

    public string? WorkGroup { get; init; }

    public string? OutputLocation { get; init; }

    public int? ResultReuseMinutes { get; init; }

    public TimeSpan? Timeout { get; init; }

    public long? MaxRows { get; init; }
}

/// <summary>
/// The seam between feature code (detections, summaries, reports, diagnostics) and the engine that runs SQL:
/// Athena on AWS, DuckDB for a local stack. Rows stream; values are already converted to .NET values
/// (see Queries/ type conversion) so both engines yield identical objects for identical data.
/// </summary>
public interface IQueryEngine
{
    SqlDialect Dialect { get; }

    /// <summary>Runs the query and streams its rows. <paramref name="onColumns"/> is called once, before the
    /// first row, with the result's columns.</summary>
    IAsyncEnumerable<object?[]> QueryAsync(
        QueryRequest request,
        Action<IReadOnlyList<QueryColumn>> onColumns,
        CancellationToken cancellationToken);
}
