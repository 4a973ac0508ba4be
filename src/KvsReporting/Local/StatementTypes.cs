namespace KvsReporting.Local;

/// <summary>
/// Athena's StatementType of a statement (DML, DDL or UTILITY), read from its first keyword the way Athena
/// classifies them: queries and data changes are DML, CREATE/DROP/ALTER (CTAS included) DDL, SHOW/DESCRIBE/
/// EXPLAIN and session statements UTILITY.
/// </summary>
internal static class StatementTypes
{
    public static string Of(string sql) => FirstKeyword(sql ?? string.Empty).ToUpperInvariant() switch
    {
        "CREATE" or "DROP" or "ALTER" or "MSCK" or "TRUNCATE" or "COMMENT" => "DDL",
        "SHOW" or "DESCRIBE" or "DESC" or "EXPLAIN" or "USE" or "SET" or "RESET" or "PRAGMA" or "SUMMARIZE" => "UTILITY",
        _ => "DML",
    };

    /// <summary>The first word after whitespace, comments and opening parentheses.</summary>
    private static string FirstKeyword(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]) || sql[i] == '(')
            {
                i++;
            }
            else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        var start = i;
        while (i < sql.Length && char.IsLetter(sql[i]))
        {
            i++;
        }

        return sql[start..i];
    }
}
