using System.Globalization;
using KvsReporting.Errors;

namespace KvsReporting.Queries.Types;

/// <summary>
/// Recursive-descent parser for Athena (Trino) type signatures as they appear in DDL, in GetQueryResults'
/// ColumnInfo and in <c>typeof()</c>: words (some types are several words: <c>interval day to second</c>,
/// <c>timestamp(3) with time zone</c>, <c>double precision</c>), numeric parameters, nested type arguments,
/// row fields with plain or double-quoted names.
/// </summary>
public static class AthenaTypeParser
{
    private static readonly HashSet<string> MultiWordTypes = new(StringComparer.Ordinal)
    {
        "double precision", "time with time zone", "time without time zone", "timestamp with time zone",
        "timestamp without time zone", "interval day to second", "interval year to month", "character varying",
    };

    public static AthenaType Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var cursor = new Cursor(signature);
        var type = cursor.ParseType();
        cursor.SkipSpaces();
        if (!cursor.AtEnd)
        {
            throw cursor.Error("unexpected text after the type");
        }

        return type;
    }

    /// <summary>Builds a type from ColumnInfo's parts: Athena reports <c>decimal</c> with Precision and Scale apart.</summary>
    public static AthenaType FromColumnInfo(string type, int? precision, int? scale)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.Equals(type.Trim(), "decimal", StringComparison.OrdinalIgnoreCase) && precision is > 0)
        {
            return Parse(string.Create(CultureInfo.InvariantCulture, $"decimal({precision},{scale ?? 0})"));
        }

        return Parse(type);
    }

    internal static AthenaType Create(string name, IReadOnlyList<int>? parameters = null, IReadOnlyList<AthenaType>? arguments = null, IReadOnlyList<AthenaField>? fields = null)
    {
        var canonical = Canonical(name);
        return new AthenaType(canonical, KindOf(canonical), parameters ?? Array.Empty<int>(), arguments ?? Array.Empty<AthenaType>(), fields ?? Array.Empty<AthenaField>());
    }

    private static string Canonical(string name) => name switch
    {
        "int" => "integer",
        "string" => "varchar",
        "character varying" => "varchar",
        "character" => "char",
        "float" => "real",
        "double precision" => "double",
        "binary" => "varbinary",
        "struct" => "row",
        "timestamp without time zone" => "timestamp",
        "time without time zone" => "time",
        _ => name,
    };

    private static AthenaTypeKind KindOf(string name) => name switch
    {
        "boolean" => AthenaTypeKind.Boolean,
        "tinyint" => AthenaTypeKind.TinyInt,
        "smallint" => AthenaTypeKind.SmallInt,
        "integer" => AthenaTypeKind.Integer,
        "bigint" => AthenaTypeKind.BigInt,
        "real" => AthenaTypeKind.Real,
        "double" => AthenaTypeKind.Double,
        "decimal" => AthenaTypeKind.Decimal,
        "varchar" => AthenaTypeKind.Varchar,
        "char" => AthenaTypeKind.Char,
        "date" => AthenaTypeKind.Date,
        "timestamp" => AthenaTypeKind.Timestamp,
        "timestamp with time zone" => AthenaTypeKind.TimestampWithTimeZone,
        "time" => AthenaTypeKind.Time,
        "time with time zone" => AthenaTypeKind.TimeWithTimeZone,
        "interval day to second" => AthenaTypeKind.IntervalDayToSecond,
        "interval year to month" => AthenaTypeKind.IntervalYearToMonth,
        "varbinary" => AthenaTypeKind.Varbinary,
        "json" => AthenaTypeKind.Json,
        "array" => AthenaTypeKind.Array,
        "map" => AthenaTypeKind.Map,
        "row" => AthenaTypeKind.Row,
        _ => AthenaTypeKind.Other,
    };

    private sealed class Cursor(string text)
    {
        private int pos;

        public bool AtEnd => pos >= text.Length;

        public void SkipSpaces()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        public char Peek()
        {
            SkipSpaces();
            return pos < text.Length ? text[pos] : '\0';
        }

        public void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            pos++;
        }

        public AthenaType ParseType()
        {
            var words = ReadWords();
            if (words.Count == 0)
            {
                throw Error("expected a type name");
            }

            return ParseTypeAfterWords(string.Join(' ', words));
        }

        private AthenaType ParseTypeAfterWords(string head)
        {
            var name = head.ToLowerInvariant();
            var parameters = new List<int>();
            var arguments = new List<AthenaType>();
            var fields = new List<AthenaField>();
            if (Peek() == '(')
            {
                pos++;
                switch (Canonical(name))
                {
                    case "array":
                        arguments.Add(ParseType());
                        break;
                    case "map":
                        arguments.Add(ParseType());
                        Expect(',');
                        arguments.Add(ParseType());
                        break;
                    case "row":
                        do
                        {
                            fields.Add(ParseField());
                        }
                        while (TryTake(','));
                        break;
                    default:
                        do
                        {
                            parameters.Add(ReadNumber());
                        }
                        while (TryTake(','));
                        break;
                }

                Expect(')');

                // timestamp(3) with time zone: the zone words follow the parameters.
                var tail = ReadWords();
                if (tail.Count > 0)
                {
                    name = name + " " + string.Join(' ', tail).ToLowerInvariant();
                }
            }

            if (Canonical(name) == "array" && arguments.Count == 0 && parameters.Count > 0)
            {
                throw Error("array takes a type, not a number");
            }

            return Create(name, parameters, arguments, fields);
        }

        private AthenaField ParseField()
        {
            if (Peek() == '"')
            {
                var quoted = ReadQuoted();
                return new AthenaField(quoted, ParseType());
            }

            var words = ReadWords();
            if (words.Count == 0)
            {
                throw Error("expected a row field");
            }

            var joined = string.Join(' ', words).ToLowerInvariant();
            if (words.Count == 1 || MultiWordTypes.Contains(joined))
            {
                // unnamed field: the words are the type
                return new AthenaField(null, ParseTypeAfterWords(string.Join(' ', words)));
            }

            return new AthenaField(words[0], ParseTypeAfterWords(string.Join(' ', words.Skip(1))));
        }

        private bool TryTake(char c)
        {
            if (Peek() == c)
            {
                pos++;
                return true;
            }

            return false;
        }

        private List<string> ReadWords()
        {
            var words = new List<string>();
            while (true)
            {
                SkipSpaces();
                var start = pos;
                while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_'))
                {
                    pos++;
                }

                if (pos == start)
                {
                    return words;
                }

                words.Add(text[start..pos]);
            }
        }

        private int ReadNumber()
        {
            SkipSpaces();
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (start == pos || !int.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw Error("expected a number");
            }

            return value;
        }

        private string ReadQuoted()
        {
            Expect('"');
            var builder = new System.Text.StringBuilder();
            while (pos < text.Length)
            {
                var c = text[pos++];
                if (c == '"')
                {
                    if (pos < text.Length && text[pos] == '"')
                    {
                        builder.Append('"');
                        pos++;
                        continue;
                    }

                    return builder.ToString();
                }

                builder.Append(c);
            }

            throw Error("unterminated quoted name");
        }

        public KvsReportingException Error(string what) =>
            new AthenaTypeSignatureException($"Cannot read the Athena type '{text}': {what} at position {pos + 1}.");
    }
}

/// <summary>A type signature the parser cannot read.</summary>
public sealed class AthenaTypeSignatureException : KvsReportingException
{
    public AthenaTypeSignatureException()
    {
    }

    public AthenaTypeSignatureException(string message)
        : base(message)
    {
    }

    public AthenaTypeSignatureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
