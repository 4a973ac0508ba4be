using System.Collections.Specialized;

namespace KvsReporting.Queries.Types;

/// <summary>
/// Parses Athena's text rendering of array, map and row values, nested to any depth, guided by the declared
/// type: arrays <c>[a, b]</c>, maps <c>{k1=v1, k2=v2}</c>, rows <c>{f1=v1, f2=v2}</c>; <c>null</c> inside a
/// value is NULL. Arrays become <c>object?[]</c>; maps and rows become an <see cref="OrderedDictionary"/> (keys in
/// the rendered order; PowerShell reads a row field as <c>$value.f1</c>, a map entry as <c>$value['k1']</c>).
/// </summary>
/// <remarks>
/// Athena does not quote strings inside these renderings, so the text is ambiguous when a string element
/// contains <c>", "</c>, a closing bracket, or is the word <c>null</c>. Row fields with names are split on
/// <c>", name="</c>, which resolves most of it; array and map strings are split at the first <c>", "</c> or
/// closing bracket. For exact nested strings, select <c>CAST(col AS JSON)</c> and read the JSON.
/// Without element types (ColumnInfo sometimes says only <c>array</c>) elements stay strings.
/// </remarks>
public static class AthenaComplexValueParser
{
    public static object? Parse(AthenaType type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        var value = reader.ReadValue(type, default);
        if (reader.Position != text.Length)
        {
            throw new AthenaValueException($"Cannot read the {type} value '{Shorten(text)}': unexpected text at position {reader.Position + 1}.");
        }

        return value;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    /// <summary>Where a scalar inside a container ends: an exact delimiter (row field) or ", " / the closer.</summary>
    private readonly record struct End(string? Delimiter, char Closer);

    private sealed class Reader(string text)
    {
        public int Position { get; private set; }

        public object? ReadValue(AthenaType type, End end)
        {
            var isTop = end.Closer == '\0';
            switch (type.Kind)
            {
                case AthenaTypeKind.Array:
                    return ReadArray(type.Arguments.Count > 0 ? type.Arguments[0] : AthenaType.Unknown, isTop, end);
                case AthenaTypeKind.Map:
                    return ReadMap(type.Arguments.Count == 2 ? type.Arguments[0] : AthenaType.Unknown, type.Arguments.Count == 2 ? type.Arguments[1] : AthenaType.Unknown, isTop, end);
                case AthenaTypeKind.Row:
                    return type.Fields.Count > 0 ? ReadRow(type, isTop, end) : ReadMap(AthenaType.Unknown, AthenaType.Unknown, isTop, end);
                default:
                    if (type == AthenaType.Unknown && Position < text.Length && !isTop)
                    {
                        // untyped element: nested brackets are still structure
                        if (text[Position] == '[' && !IsNullAt())
                        {
                            return ReadArray(AthenaType.Unknown, false, end);
                        }

                        if (text[Position] == '{')
                        {
                            return ReadMap(AthenaType.Unknown, AthenaType.Unknown, false, end);
                        }
                    }

                    return ReadScalar(type, end, isTop);
            }
        }

        private object? ReadArray(AthenaType element, bool isTop, End end)
        {
            if (IsNullHere(isTop, end))
            {
                return null;
            }

            Expect('[');
            var items = new List<object?>();
            if (TryTake("]"))
            {
                return items.ToArray();
            }

            var inner = new End(null, ']');
            do
            {
                items.Add(ReadValue(element, inner));
            }
            while (TryTake(", "));
            Expect(']');
            return items.ToArray();
        }

        private object? ReadMap(AthenaType keyType, AthenaType valueType, bool isTop, End end)
        {
            if (IsNullHere(isTop, end))
            {
                return null;
            }

            Expect('{');
            var map = new OrderedDictionary();
            if (TryTake("}"))
            {
                return map;
            }

            var valueEnd = new End(null, '}');
            do
            {
                var equals = text.IndexOf('=', Position);
                if (equals < 0)
                {
                    throw Error("expected key=value");
                }

                var key = ConvertScalar(keyType, text.AsSpan(Position, equals - Position)) ?? throw Error("a map key is null");
                Position = equals + 1;
                var value = ReadValue(valueType, valueEnd);
                map[UniqueKey(map, key)] = value;
            }
            while (TryTake(", "));
            Expect('}');
            return map;
        }

        private object? ReadRow(AthenaType type, bool isTop, End end)
        {
            if (IsNullHere(isTop, end))
            {
                return null;
            }

            Expect('{');
            var row = new OrderedDictionary();
            var fields = type.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0 && !TryTake(", "))
                {
                    throw Error("expected ', '");
                }

                var name = fields[i].Name ?? ("field" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (string.CompareOrdinal(text, Position, name + "=", 0, name.Length + 1) == 0)
                {
                    Position += name.Length + 1;
                }

                var next = i + 1 < fields.Count ? ", " + (fields[i + 1].Name ?? ("field" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "=" : null;
                var value = ReadValue(fields[i].Type, new End(next, '}'));
                row[UniqueKey(row, name)] = value;
            }

            Expect('}');
            return row;
        }

        private object? ReadScalar(AthenaType type, End end, bool isTop)
        {
            int stop;
            if (isTop)
            {
                stop = text.Length;
            }
            else
            {
                stop = -1;
                if (end.Delimiter is not null)
                {
                    stop = text.IndexOf(end.Delimiter, Position, StringComparison.Ordinal);
                }

                if (stop < 0)
                {
                    var comma = text.IndexOf(", ", Position, StringComparison.Ordinal);
                    var closer = text.IndexOf(end.Closer, Position);
                    stop = comma >= 0 && (closer < 0 || comma < closer) ? comma : closer;
                }

                if (stop < 0)
                {
                    throw Error($"expected '{end.Closer}'");
                }
            }

            var span = text.AsSpan(Position, stop - Position);
            Position = stop;
            return ConvertScalar(type, span);
        }

        private static object? ConvertScalar(AthenaType type, ReadOnlySpan<char> span) =>
            span.SequenceEqual("null") ? null : AthenaScalarParser.Parse(type, span);

        private bool IsNullHere(bool isTop, End end)
        {
            if (!IsNullAt())
            {
                return false;
            }

            var after = Position + 4;
            if (isTop ? after == text.Length : after == text.Length || text[after] == end.Closer || string.CompareOrdinal(text, after, ", ", 0, 2) == 0)
            {
                Position = after;
                return true;
            }

            return false;
        }

        private bool IsNullAt() => string.CompareOrdinal(text, Position, "null", 0, 4) == 0;

        private static object UniqueKey(OrderedDictionary dictionary, object key)
        {
            if (!dictionary.Contains(key) || key is not string name)
            {
                return key;
            }

            for (var n = 2; ; n++)
            {
                var candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!dictionary.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        private bool TryTake(string token)
        {
            if (string.CompareOrdinal(text, Position, token, 0, token.Length) == 0)
            {
                Position += token.Length;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (Position >= text.Length || text[Position] != c)
            {
                throw Error($"expected '{c}'");
            }

            Position++;
        }

        private AthenaValueException Error(string what) =>
            new($"Cannot read the nested value '{Shorten(text)}': {what} at position {Position + 1}.");
    }
}
