namespace KvsReporting.Local;

/// <summary>
/// Maps DuckDB type names to the names Athena reports in ResultSetMetadata.ColumnInfo, so a result describes
/// itself the same way on both engines.
/// </summary>
public static class AthenaTypeNames
{
    /// <summary>Whether a coarse DuckDB.NET type name (GetDataTypeName) needs the full type text to map.</summary>
    internal static bool NeedsFullType(string coarse) =>
        coarse is "Decimal" or "List" or "Array" or "Struct" or "Map" or "Union" or "Enum";

    /// <summary>Maps a DuckDB.NET coarse type name (DuckDBType enum name).</summary>
    internal static string FromCoarse(string coarse) => coarse switch
    {
        "Varchar" => "varchar",
        "Boolean" => "boolean",
        "TinyInt" => "tinyint",
        "SmallInt" => "smallint",
        "Integer" => "integer",
        "BigInt" => "bigint",
        "UnsignedTinyInt" => "smallint",
        "UnsignedSmallInt" => "integer",
        "UnsignedInteger" => "bigint",
        "UnsignedBigInt" or "UnsignedHugeInt" => "decimal(20,0)",
        // DuckDB widens count_if and sum(bigint) to HUGEINT where Trino answers bigint.
        "HugeInt" => "bigint",
        "Float" => "real",
        "Double" => "double",
        "Date" => "date",
        "Time" => "time",
        "TimeTz" => "time with time zone",
        "Timestamp" or "TimestampS" or "TimestampMs" or "TimestampNs" => "timestamp",
        "TimestampTz" => "timestamp with time zone",
        "Interval" => "interval day to second",
        "Blob" => "varbinary",
        "Uuid" => "uuid",
        "Decimal" => "decimal",
        "List" or "Array" => "array",
        "Struct" => "row",
        "Map" => "map",
        _ => coarse.ToLowerInvariant(),
    };

    /// <summary>Maps a full DuckDB type text such as <c>DECIMAL(10,2)</c>, <c>VARCHAR[]</c>,
    /// <c>STRUCT(a INTEGER, b VARCHAR)</c> or <c>MAP(VARCHAR, BIGINT)</c>.</summary>
    public static string FromDuckDb(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = type.Trim();
        if (t.EndsWith(']'))
        {
            var open = t.LastIndexOf('[');
            return $"array({FromDuckDb(t[..open])})";
        }

        var paren = t.IndexOf('(', StringComparison.Ordinal);
        var head = (paren < 0 ? t : t[..paren]).Trim().ToUpperInvariant();
        var inner = paren < 0 ? string.Empty : t[(paren + 1)..t.LastIndexOf(')')];
        return head switch
        {
            "DECIMAL" or "NUMERIC" => $"decimal({inner.Replace(" ", string.Empty, StringComparison.Ordinal)})",
            "STRUCT" => "row(" + string.Join(", ", SplitTopLevel(inner).Select(StructField)) + ")",
            "MAP" => "map(" + string.Join(", ", SplitTopLevel(inner).Select(FromDuckDb)) + ")",
            "VARCHAR" or "JSON" => head == "JSON" ? "json" : "varchar",
            "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" => "timestamp with time zone",
            "TIME WITH TIME ZONE" => "time with time zone",
            "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => "timestamp",
            "BOOLEAN" => "boolean",
            "TINYINT" => "tinyint",
            "SMALLINT" => "smallint",
            "INTEGER" => "integer",
            "BIGINT" => "bigint",
            "UTINYINT" => "smallint",
            "USMALLINT" => "integer",
            "UINTEGER" => "bigint",
            "UBIGINT" or "UHUGEINT" => "decimal(20,0)",
            "HUGEINT" => "bigint",
            "FLOAT" => "real",
            "DOUBLE" => "double",
            "DATE" => "date",
            "TIME" => "time",
            "INTERVAL" => "interval day to second",
            "BLOB" => "varbinary",
            "UUID" => "uuid",
            _ => t.ToLowerInvariant(),
        };
    }

    private static string StructField(string field)
    {
        var f = field.Trim();
        int split;
        if (f.StartsWith('"'))
        {
            split = f.IndexOf('"', 1) + 1;
        }
        else
        {
            split = f.IndexOf(' ', StringComparison.Ordinal);
        }

        return split <= 0 ? FromDuckDb(f) : $"{f[..split].Trim('"')} {FromDuckDb(f[split..])}";
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
