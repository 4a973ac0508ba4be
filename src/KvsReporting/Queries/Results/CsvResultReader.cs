using System.Runtime.CompilerServices;
using KvsReporting.Queries.Types;
using nietras.SeparatedValues;

namespace KvsReporting.Queries.Results;

/// <summary>
/// Streams a query's result CSV (Athena writes <c>&lt;OutputLocation&gt;/&lt;QueryExecutionId&gt;.csv</c>: RFC 4180,
/// a header row, every value quoted, NULL as an unquoted empty field) through Sep, converting each field with
/// the column's type. Only one buffer of the stream is held at a time, so memory stays flat whatever the size.
/// </summary>
/// <remarks>
/// Sep is used without unescaping so a field's raw text still shows whether it was quoted: an unquoted empty
/// field is NULL, a quoted empty field (<c>""</c>) is an empty string. Quotes are removed here.
/// </remarks>
public static class CsvResultReader
{
    public static async IAsyncEnumerable<object?[]> ReadAsync(
        Stream csv,
        ResultRowConverter converter,
        long? maxRows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(converter);
        using var reader = await Sep.Reader(o => o with { HasHeader = false, Sep = new Sep(','), DisableColCountCheck = true })
            .FromAsync(csv, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        long row = 0;
        var header = true;
        while (await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (header)
            {
                header = false;
                CheckHeader(reader, converter);
                continue;
            }

            if (maxRows is { } max && row >= max)
            {
                yield break;
            }

            row++;
            yield return ConvertCurrent(reader, converter, row);
        }
    }

    /// <summary>Converts the reader's current row (a ref struct, so outside the async iterator).</summary>
    internal static object?[] ConvertCurrent(SepReader reader, ResultRowConverter converter, long rowNumber)
    {
        var row = reader.Current;
        if (row.ColCount != converter.Count)
        {
            throw new AthenaValueException($"Row {rowNumber} of the result CSV has {row.ColCount} fields but the result has {converter.Count} columns.");
        }

        var values = new object?[converter.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var raw = row[i].Span;
            if (raw.IsEmpty)
            {
                continue; // unquoted empty: NULL
            }

            values[i] = raw[0] == '"' ? ConvertQuoted(converter, i, raw, rowNumber) : converter.Convert(i, raw, rowNumber);
        }

        return values;
    }

    private static object? ConvertQuoted(ResultRowConverter converter, int column, ReadOnlySpan<char> raw, long rowNumber)
    {
        if (raw.Length < 2 || raw[^1] != '"')
        {
            throw new AthenaValueException($"Row {rowNumber}, column '{converter.Columns[column].Name}' of the result CSV has an unterminated quoted field.");
        }

        var inner = raw[1..^1];
        return inner.IndexOf('"') < 0
            ? converter.Convert(column, inner, rowNumber)
            : converter.Convert(column, inner.ToString().Replace("\"\"", "\"", StringComparison.Ordinal), rowNumber);
    }

    /// <summary>Unescaped text of a raw CSV field (quotes removed, doubled quotes undone); null for NULL.</summary>
    public static string? Unquote(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        if (raw[0] != '"' || raw.Length < 2)
        {
            return raw.ToString();
        }

        return raw[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    private static void CheckHeader(SepReader reader, ResultRowConverter converter)
    {
        var row = reader.Current;
        if (row.ColCount != converter.Count)
        {
            throw new AthenaValueException($"The result CSV has {row.ColCount} columns but the result metadata lists {converter.Count}.");
        }
    }
}
