using System.Text;

namespace KvsReporting.Local;

/// <summary>The SQL the embedded engine runs for an Athena statement, and what was rewritten on the way.</summary>
public sealed record AthenaSqlTranslation(string Sql, IReadOnlyList<string> Rewrites);

/// <summary>Athena SQL that the embedded engine cannot run, with the construct that is the reason.</summary>
public sealed class UnsupportedAthenaSqlException : Exception
{
    public UnsupportedAthenaSqlException(string construct, string message)
        : base(message)
    {
        Construct = construct;
    }

    public UnsupportedAthenaSqlException(string construct, string message, Exception? innerException)
        : base(message, innerException)
    {
        Construct = construct;
    }

    public UnsupportedAthenaSqlException()
        : this("unknown", "The statement uses Athena SQL the local engine cannot run.")
    {
    }

    public UnsupportedAthenaSqlException(string message)
        : this("unknown", message)
    {
    }

    public UnsupportedAthenaSqlException(string message, Exception innerException)
        : base(message, innerException)
    {
        Construct = "unknown";
    }

    /// <summary>The Athena construct (function, clause) that has no local equivalent.</summary>
    public string Construct { get; }
}

/// <summary>
/// Rewrites the Presto/Trino calls whose arguments differ in DuckDB (format strings, semantics of date_diff,
/// argument order of date_add) and backquoted identifiers. Renames that need no argument change are macros
/// (<see cref="AthenaFunctionMacros"/>). Everything else passes through untouched: DuckDB already accepts
/// most of Athena's SELECT dialect, and what it rejects is reported by <see cref="LocalQueryErrors"/>.
/// </summary>
public static class AthenaSqlTranslator
{
    public static AthenaSqlTranslation Translate(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = SqlTokenizer.Tokenize(sql);
        var rewrites = new List<string>();
        var text = Emit(tokens, 0, tokens.Count, rewrites);
        return new AthenaSqlTranslation(text, rewrites);
    }

    private static string Emit(List<SqlToken> tokens, int start, int end, List<string> rewrites)
    {
        var sb = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.QuotedIdentifier && token.Text[0] == '`')
            {
                // Athena DDL quotes with backquotes; DuckDB only knows double quotes.
                sb.Append('"').Append(token.Text[1..^1].Replace("``", "`", StringComparison.Ordinal).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                continue;
            }

            if (token.Kind == SqlTokenKind.Word && !PrecededByDot(tokens, i) && TryFindCall(tokens, i, end, out var open, out var close))
            {
                var name = token.Text.ToLowerInvariant();
                if (Rewriters.TryGetValue(name, out var rewriter))
                {
                    var args = SplitArguments(tokens, open + 1, close).Select(a => (Text: Emit(tokens, a.Start, a.End, rewrites).Trim(), Tokens: Significant(tokens, a.Start, a.End))).ToList();
                    sb.Append(rewriter(name, args));
                    rewrites.Add(name);
                    i = close;
                    continue;
                }
            }

            sb.Append(token.Text);
        }

        return sb.ToString();
    }

    private delegate string Rewriter(string name, List<(string Text, List<SqlToken> Tokens)> args);

    private static readonly Dictionary<string, Rewriter> Rewriters = new(StringComparer.Ordinal)
    {
        ["date_parse"] = (n, a) => $"strptime({Arg(n, a, 0, 2)}, {FormatArg(n, a, 1, f => DateFormats.FromMySql(f, parsing: true))})",
        ["date_format"] = (n, a) => $"strftime({Arg(n, a, 0, 2)}, {FormatArg(n, a, 1, f => DateFormats.FromMySql(f, parsing: false))})",
        ["parse_datetime"] = (n, a) => $"strptime({Arg(n, a, 0, 2)}, {FormatArg(n, a, 1, f => DateFormats.FromJoda(f, parsing: true))})",
        ["format_datetime"] = (n, a) => $"strftime({Arg(n, a, 0, 2)}, {FormatArg(n, a, 1, f => DateFormats.FromJoda(f, parsing: false))})",
        // Trino counts whole units elapsed; DuckDB's date_diff counts boundaries crossed, date_sub whole units.
        ["date_diff"] = (n, a) => $"date_sub({Arg(n, a, 0, 3)}, {Arg(n, a, 1, 3)}, {Arg(n, a, 2, 3)})",
        ["date_add"] = (n, a) => $"(({Arg(n, a, 2, 3)}) + ({Arg(n, a, 1, 3)}) * {Interval(n, a)})",
    };

    private static string Arg(string name, List<(string Text, List<SqlToken> Tokens)> args, int index, int expected)
    {
        if (args.Count != expected)
        {
            throw new UnsupportedAthenaSqlException(name, $"{name} takes {expected} arguments in Athena; this call has {args.Count}.");
        }

        return args[index].Text;
    }

    private static string FormatArg(string name, List<(string Text, List<SqlToken> Tokens)> args, int index, Func<string, string> convert)
    {
        _ = Arg(name, args, index, 2);
        var tokens = args[index].Tokens;
        if (tokens.Count != 1 || tokens[0].Kind != SqlTokenKind.StringLiteral)
        {
            throw new UnsupportedAthenaSqlException(name, $"{name} with a format that is not a string literal cannot run on the local engine: the format must be translated before the query runs.");
        }

        return LocalCatalog.Literal(convert(tokens[0].LiteralValue));
    }

    private static string Interval(string name, List<(string Text, List<SqlToken> Tokens)> args)
    {
        _ = Arg(name, args, 0, 3);
        var unitTokens = args[0].Tokens;
        if (unitTokens.Count != 1 || unitTokens[0].Kind != SqlTokenKind.StringLiteral)
        {
            throw new UnsupportedAthenaSqlException(name, "date_add with a unit that is not a string literal cannot run on the local engine.");
        }

        return unitTokens[0].LiteralValue.ToLowerInvariant() switch
        {
            "millisecond" => "INTERVAL 1 MILLISECOND",
            "second" => "INTERVAL 1 SECOND",
            "minute" => "INTERVAL 1 MINUTE",
            "hour" => "INTERVAL 1 HOUR",
            "day" => "INTERVAL 1 DAY",
            "week" => "INTERVAL 7 DAY",
            "month" => "INTERVAL 1 MONTH",
            "quarter" => "INTERVAL 3 MONTH",
            "year" => "INTERVAL 1 YEAR",
            var other => throw new UnsupportedAthenaSqlException(name, $"date_add unit '{other}' is not an Athena unit."),
        };
    }

    private static bool PrecededByDot(List<SqlToken> tokens, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            if (!tokens[j].IsTrivia)
            {
                return tokens[j].IsSymbol('.');
            }
        }

        return false;
    }

    private static bool TryFindCall(List<SqlToken> tokens, int nameIndex, int end, out int open, out int close)
    {
        open = close = -1;
        var j = nameIndex + 1;
        while (j < end && tokens[j].IsTrivia)
        {
            j++;
        }

        if (j >= end || !tokens[j].IsSymbol('('))
        {
            return false;
        }

        open = j;
        var depth = 0;
        for (var k = j; k < end; k++)
        {
            if (tokens[k].IsSymbol('('))
            {
                depth++;
            }
            else if (tokens[k].IsSymbol(')') && --depth == 0)
            {
                close = k;
                return true;
            }
        }

        return false;
    }

    private static List<(int Start, int End)> SplitArguments(List<SqlToken> tokens, int start, int end)
    {
        var result = new List<(int, int)>();
        var depth = 0;
        var argStart = start;
        for (var k = start; k < end; k++)
        {
            if (tokens[k].IsSymbol('(') || tokens[k].IsSymbol('['))
            {
                depth++;
            }
            else if (tokens[k].IsSymbol(')') || tokens[k].IsSymbol(']'))
            {
                depth--;
            }
            else if (depth == 0 && tokens[k].IsSymbol(','))
            {
                result.Add((argStart, k));
                argStart = k + 1;
            }
        }

        if (argStart < end || result.Count > 0)
        {
            result.Add((argStart, end));
        }

        return result;
    }

    private static List<SqlToken> Significant(List<SqlToken> tokens, int start, int end) =>
        tokens.Skip(start).Take(end - start).Where(t => !t.IsTrivia).ToList();
}
