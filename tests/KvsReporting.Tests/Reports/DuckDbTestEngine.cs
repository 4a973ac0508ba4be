using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using KvsReporting.Queries;

namespace KvsReporting.Tests.Reports;

/// <summary>
/// A minimal real DuckDB engine over <c>detections.duckdb</c> in a folder, standing in for the embedded engine
/// of a local stack (Local/) in report tests: the SQL under test runs on real DuckDB, parameters bound as values.
/// </summary>
internal sealed class DuckDbTestEngine : IQueryEngine, IDisposable
{
    public const string FileName = "detections.duckdb";

    private readonly DuckDBConnection connection;

    public DuckDbTestEngine(string folder)
    {
        connection = new DuckDBConnection($"Data Source={Path.Combine(folder, FileName)}");
        connection.Open();
    }

    /// <summary>Every statement run, for assertions about what reached the engine.</summary>
    public static List<QueryRequest> Requests { get; } = [];

    public SqlDialect Dialect => SqlDialect.DuckDb;

    public async IAsyncEnumerable<object?[]> QueryAsync(
        QueryRequest request, Action<IReadOnlyList<QueryColumn>> onColumns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        using var command = connection.CreateCommand();
        command.CommandText = request.Sql;
        foreach (var value in request.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        onColumns(Enumerable.Range(0, reader.FieldCount)
            .Select(i => new QueryColumn(reader.GetName(i), reader.GetDataTypeName(i).ToLowerInvariant())).ToList());
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    public void Dispose() => connection.Dispose();
}
