namespace KvsReporting.Local;

internal enum SqlTokenKind
{
    Whitespace,
    Comment,
    Word,
    QuotedIdentifier,
    StringLiteral,
    Number,
    Symbol,
}

internal readonly record struct SqlToken(SqlTokenKind Kind, string Text)
{
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;

    public bool IsSymbol(char c) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == c;

    public bool IsWord(string word) => Kind == SqlTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of a single-quoted literal.</summary>
    public string LiteralValue => Text[1..^1].Replace("''", "'", StringComparison.Ordinal);
}

/// <summary>
/// Splits SQL into tokens just well enough to rewrite function calls safely: string literals, quoted
/// identifiers and comments are kept whole, so nothing inside them is ever touched.
/// </summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            SqlTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                kind = SqlTokenKind.Whitespace;
            }
            else if (c == '-' && At(sql, i + 1, '-'))
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                kind = SqlTokenKind.Comment;
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                kind = SqlTokenKind.Comment;
            }
            else if (c is '\'' or '"' or '`')
            {
                i = SkipQuoted(sql, i, c);
                kind = c == '\'' ? SqlTokenKind.StringLiteral : SqlTokenKind.QuotedIdentifier;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                kind = SqlTokenKind.Word;
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                kind = SqlTokenKind.Number;
            }
            else
            {
                i++;
                kind = SqlTokenKind.Symbol;
            }

            tokens.Add(new SqlToken(kind, sql[start..i]));
        }

        return tokens;
    }

    private static bool At(string s, int index, char c) => index < s.Length && s[index] == c;

    private static int SkipQuoted(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (At(sql, i + 1, quote))
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }
}
