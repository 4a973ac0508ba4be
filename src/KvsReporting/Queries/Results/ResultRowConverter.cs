using KvsReporting.Queries.Types;

namespace KvsReporting.Queries.Results;

/// <summary>
/// Converts the text of each field of a result row to the .NET value of its column's Athena type. Shared by the
/// result-CSV path and the GetQueryResults paging path so both give identical values.
/// </summary>
public sealed class ResultRowConverter
{
    private readonly AthenaType[] types;

    public ResultRowConverter(IReadOnlyList<QueryColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        types = columns.Select(c => ParseTypeOrText(c.AthenaType)).ToArray();
    }

    public IReadOnlyList<QueryColumn> Columns { get; }

    public int Count => types.Length;

    /// <summary>Converts a non-NULL field.</summary>
    public object? Convert(int column, ReadOnlySpan<char> text, long rowNumber)
    {
        var type = types[column];
        if (type.Kind == AthenaTypeKind.Varchar)
        {
            return text.ToString(); // the common case, without the dispatch
        }

        try
        {
            return AthenaScalarParser.Parse(type, text);
        }
        catch (AthenaValueException ex)
        {
            throw new AthenaValueException($"Column '{Columns[column].Name}' ({Columns[column].AthenaType}), row {rowNumber}: {ex.Message}", ex);
        }
    }

    /// <summary>Converts a row given as strings, NULL as null (GetQueryResults' Datum without VarCharValue).</summary>
    public object?[] Convert(IReadOnlyList<string?> fields, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count != types.Length)
        {
            throw new AthenaValueException($"Row {rowNumber} has {fields.Count} fields but the result has {types.Length} columns.");
        }

        var values = new object?[types.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = fields[i] is { } text ? Convert(i, text, rowNumber) : null;
        }

        return values;
    }

    // A type signature the parser cannot read must not lose the data: keep such a column's values as text.
    private static AthenaType ParseTypeOrText(string signature)
    {
        try
        {
            return AthenaTypeParser.Parse(signature);
        }
        catch (AthenaTypeSignatureException)
        {
            return AthenaType.Unknown;
        }
    }
}
