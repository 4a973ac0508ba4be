using System.Management.Automation;
using System.Numerics;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using KvsReporting.Errors;
using KvsReporting.Queries;

namespace KvsReporting.Local;

/// <summary>
/// Runs Athena SQL on a local stack's embedded DuckDB database. The statement is translated
/// (<see cref="AthenaSqlTranslator"/>), run with positional <c>?</c> parameters bound as values (never spliced
/// into the text), and its rows stream back with Athena's column type names. See docs/local-engine.md.
/// </summary>
public sealed class LocalQueryEngine : IQueryEngine
{
    /// <summary>Opens the engine of the stack in <paramref name="localPath"/>; a missing stack is a
    /// <c>KvsGetStackNotFound</c> error.</summary>
    public LocalQueryEngine(string localPath)
    {
        Stack = new LocalStackStore().Open(localPath);
        LocalPath = Stack.LocalPath!;
    }

    public string LocalPath { get; }

    public Stack.KvsReportingStack Stack { get; }

    public SqlDialect Dialect => SqlDialect.DuckDb;

    /// <summary>The statement after translation, for -Verbose output and errors.</summary>
    public static AthenaSqlTranslation Translate(string sql)
    {
        try
        {
            return AthenaSqlTranslator.Translate(sql);
        }
        catch (UnsupportedAthenaSqlException ex)
        {
            throw LocalQueryErrors.FromUnsupported(ex, sql);
        }
    }

    public async IAsyncEnumerable<object?[]> QueryAsync(
        QueryRequest request,
        Action<IReadOnlyList<QueryColumn>> onColumns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onColumns);
        var translated = Translate(request.Sql).Sql;
        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;

        using var lease = OpenConnection();
        UseContext(lease.Connection, request);
        using var command = lease.Connection.CreateCommand();
        command.CommandText = translated;
        command.UseStreamingMode = true;
        foreach (var value in request.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(ToParameterValue(value)));
        }

        using var cancelRegistration = token.Register(() => Interrupt(command));
        DuckDBDataReader reader;
        try
        {
            reader = await Task.Run(() => (DuckDBDataReader)command.ExecuteReader(), token).ConfigureAwait(false);
        }
        catch (DuckDBException ex)
        {
            throw Fail(ex, request, timeout, cancellationToken);
        }

        using (reader)
        {
            onColumns(DescribeColumns(reader, translated, request));
            long rows = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (DuckDBException ex)
                {
                    throw Fail(ex, request, timeout, cancellationToken);
                }

                if (!more || (request.MaxRows is { } max && rows >= max))
                {
                    yield break;
                }

                token.ThrowIfCancellationRequested();
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : ToClr(reader.GetValue(i));
                }

                rows++;
                yield return row;
            }
        }
    }

    /// <summary>Runs a statement and collects every row: for small results and tests.</summary>
    public async Task<(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows)> QueryAllAsync(
        string sql,
        IReadOnlyList<object?>? parameters = null,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<QueryColumn> columns = Array.Empty<QueryColumn>();
        var rows = new List<object?[]>();
        var request = new QueryRequest(sql) { Parameters = parameters ?? Array.Empty<object?>() };
        await foreach (var row in QueryAsync(request, c => columns = c, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return (columns, rows);
    }

    private LocalConnection OpenConnection()
    {
        try
        {
            return LocalDatabase.Open(LocalPath);
        }
        catch (DuckDBException ex)
        {
            throw LocalQueryErrors.FromDuckDb(ex, LocalPath);
        }
    }

    private static void UseContext(DuckDBConnection connection, QueryRequest request)
    {
        if (request.Catalog is null && request.Database is null)
        {
            return;
        }

        var catalog = request.Catalog ?? LocalCatalog.GlueCatalog;
        var database = request.Database ?? (string.Equals(catalog, LocalCatalog.ConnectorCatalog, StringComparison.OrdinalIgnoreCase) ? LocalCatalog.ConnectorSchema : LocalCatalog.GlueDatabase);
        try
        {
            LocalDatabase.Execute(connection, $"USE {LocalCatalog.Quote(catalog)}.{LocalCatalog.Quote(database)}");
        }
        catch (DuckDBException ex)
        {
            throw KvsErrors.Terminating(
                $"The local stack has no catalog '{catalog}' with database '{database}'.",
                LocalQueryErrors.TableNotFound,
                ErrorCategory.ObjectNotFound,
                $"{catalog}.{database}",
                $"Use catalog '{LocalCatalog.GlueCatalog}' with database '{LocalCatalog.GlueDatabase}', or '{LocalCatalog.ConnectorCatalog}' with '{LocalCatalog.ConnectorSchema}'.",
                ex);
        }
    }

    private static Exception Fail(DuckDBException ex, QueryRequest request, CancellationTokenSource? timeout, CancellationToken callerToken)
    {
        var mapped = LocalQueryErrors.FromDuckDb(ex, request.Sql);
        if (mapped is OperationCanceledException && timeout?.IsCancellationRequested == true && !callerToken.IsCancellationRequested)
        {
            return KvsErrors.Terminating(
                $"The query did not finish within {request.Timeout}.",
                "KvsInvokeQueryTimeout",
                ErrorCategory.OperationTimeout,
                request.Sql,
                "Raise -Timeout, or narrow the query.",
                ex);
        }

        return mapped is OperationCanceledException ? new OperationCanceledException(callerToken) : mapped;
    }

    private static void Interrupt(DuckDBCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the query already finished
        }
    }

    private List<QueryColumn> DescribeColumns(DuckDBDataReader reader, string sql, QueryRequest request)
    {
        var columns = new List<QueryColumn>(reader.FieldCount);
        var needFull = false;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var coarse = reader.GetDataTypeName(i);
            needFull |= AthenaTypeNames.NeedsFullType(coarse);
            columns.Add(new QueryColumn(reader.GetName(i), AthenaTypeNames.FromCoarse(coarse)));
        }

        if (needFull && FullTypes(sql, request) is { } full && full.Count == columns.Count)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                columns[i] = columns[i] with { AthenaType = AthenaTypeNames.FromDuckDb(full[i]) };
            }
        }

        return columns;
    }

    /// <summary>Decimal precision and nested types are only in DuckDB's full type text: DESCRIBE plans the
    /// statement again (without running it) to get them, on its own connection: a second statement on the
    /// query's connection would end the streaming result.</summary>
    private List<string>? FullTypes(string sql, QueryRequest request)
    {
        var parameters = request.Parameters;
        try
        {
            using var lease = OpenConnection();
            UseContext(lease.Connection, request);
            using var describe = lease.Connection.CreateCommand();
            describe.CommandText = "DESCRIBE " + sql.TrimEnd().TrimEnd(';');
            foreach (var value in parameters)
            {
                describe.Parameters.Add(new DuckDBParameter(ToParameterValue(value)));
            }

            using var r = describe.ExecuteReader();
            var types = new List<string>();
            while (r.Read())
            {
                types.Add(r.GetString(1));
            }

            return types;
        }
        catch (DuckDBException)
        {
            return null; // not a describable statement: keep the coarse names
        }
    }

    private static object ToParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        PSObject ps => ToParameterValue(ps.BaseObject),
        DateTimeOffset dto => dto.UtcDateTime,
        Enum e => e.ToString(),
        _ => value!,
    };

    /// <summary>DuckDB-specific values become the .NET values Athena results convert to.</summary>
    private static object? ToClr(object? value) => value switch
    {
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        BigInteger big => (decimal)big,
        ulong u => (decimal)u,
        uint u => (long)u,
        ushort u => (int)u,
        byte b => (short)b,
        _ => value,
    };
}
