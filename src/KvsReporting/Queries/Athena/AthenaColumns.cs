using KvsReporting.Aws.Athena;
using KvsReporting.Queries.Types;

namespace KvsReporting.Queries.Athena;

/// <summary>Result columns from GetQueryResults' ResultSetMetadata, with decimal precision and scale folded into
/// the type name (Athena reports <c>decimal</c> and the numbers apart).</summary>
public static class AthenaColumns
{
    public static IReadOnlyList<QueryColumn> From(AthenaResultSetMetadata? metadata)
    {
        var infos = metadata?.ColumnInfo ?? [];
        return infos.Select(c => new QueryColumn(c.Label ?? c.Name ?? string.Empty, TypeName(c))).ToList();
    }

    private static string TypeName(AthenaColumnInfo column)
    {
        var type = column.Type ?? "varchar";
        try
        {
            return AthenaTypeParser.FromColumnInfo(type, column.Precision, column.Scale).ToString();
        }
        catch (AthenaTypeSignatureException)
        {
            return type; // read as text by the converter
        }
    }
}
