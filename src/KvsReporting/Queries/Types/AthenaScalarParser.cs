using System.Collections.Concurrent;
using System.Globalization;

namespace KvsReporting.Queries.Types;

/// <summary>
/// Converts Athena's text rendering of one non-NULL scalar value (as found in GetQueryResults' VarCharValue and in
/// the result CSV) to its .NET value. Works on spans so the CSV path allocates only what the value itself needs.
/// </summary>
/// <remarks>
/// Choices: json stays a string (the JSON text, ready for ConvertFrom-Json; a JsonElement shows badly in
/// PowerShell and holds a document). timestamp is a UTC DateTime; timestamp with time zone a DateTimeOffset at
/// the zone's offset for that instant (the zone's name is not kept). Fractions beyond 100 ns (Athena allows
/// timestamp(12)) are truncated to DateTime's 100 ns tick; decimals are never rounded: a value System.Decimal
/// cannot hold exactly is an error. Types the module does not know (uuid, ipaddress, ...) stay strings.
/// </remarks>
public static class AthenaScalarParser
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.OrdinalIgnoreCase);

    public static object? Parse(AthenaType type, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(type);
        var inv = CultureInfo.InvariantCulture;
        switch (type.Kind)
        {
            case AthenaTypeKind.Boolean:
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
                {
                    return BoxedTrue;
                }

                if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return BoxedFalse;
                }

                throw Invalid(type, text);
            case AthenaTypeKind.TinyInt:
                return sbyte.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var i8) ? i8 : throw Invalid(type, text);
            case AthenaTypeKind.SmallInt:
                return short.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var i16) ? i16 : throw Invalid(type, text);
            case AthenaTypeKind.Integer:
                return int.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var i32) ? i32 : throw Invalid(type, text);
            case AthenaTypeKind.BigInt:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var i64) ? i64 : throw Invalid(type, text);
            case AthenaTypeKind.Real:
                return float.TryParse(text, NumberStyles.Float, inv, out var f32) ? f32 : throw Invalid(type, text);
            case AthenaTypeKind.Double:
                return double.TryParse(text, NumberStyles.Float, inv, out var f64) ? f64 : throw Invalid(type, text);
            case AthenaTypeKind.Decimal:
                return ParseDecimal(type, text);
            case AthenaTypeKind.Date:
                return ParseDate(type, text);
            case AthenaTypeKind.Timestamp:
                {
                    var value = ParseDateTime(type, text, out var used);
                    if (used != text.Length)
                    {
                        throw Invalid(type, text);
                    }

                    return DateTime.SpecifyKind(value, DateTimeKind.Utc);
                }

            case AthenaTypeKind.TimestampWithTimeZone:
                return ParseTimestampWithZone(type, text);
            case AthenaTypeKind.Time:
                {
                    var ticks = ParseTimeOfDay(type, text, out var used);
                    return used == text.Length ? new TimeOnly(ticks) : throw Invalid(type, text);
                }

            case AthenaTypeKind.TimeWithTimeZone:
                {
                    var ticks = ParseTimeOfDay(type, text, out var used);
                    var offset = ParseOffset(type, text, text[used..].Trim());
                    return new AthenaTimeWithTimeZone(new TimeOnly(ticks), offset);
                }

            case AthenaTypeKind.IntervalDayToSecond:
                return ParseDayToSecond(type, text);
            case AthenaTypeKind.IntervalYearToMonth:
                return ParseYearToMonth(type, text);
            case AthenaTypeKind.Varbinary:
                return ParseHex(type, text);
            case AthenaTypeKind.Array:
            case AthenaTypeKind.Map:
            case AthenaTypeKind.Row:
                return AthenaComplexValueParser.Parse(type, text.ToString());
            default:
                // varchar, char, json and unknown types: the text itself
                return text.ToString();
        }
    }

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private static decimal ParseDecimal(AthenaType type, ReadOnlySpan<char> text)
    {
        if (TryParsePlainDecimal(text, out var plain))
        {
            return plain;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            if (IsNumber(text))
            {
                throw new AthenaValueException($"The {type} value '{text}' is beyond the range of System.Decimal (about ±7.9e28); cast it to double or varchar in the query.");
            }

            throw Invalid(type, text);
        }

        // decimal.Parse rounds digits beyond 28-29 significant ones without a word; compare digits to refuse that.
        if (!SameDigits(text, value))
        {
            throw new AthenaValueException($"The {type} value '{text}' has more significant digits than System.Decimal holds (28-29); cast it to double or varchar in the query.");
        }

        return value;
    }

    /// <summary>
    /// The common case without decimal.TryParse's generality (it is the slowest converter): an optional '-', at
    /// most 18 digits with at most one '.', as Athena writes decimals. Gives the same value and scale as
    /// decimal.Parse; anything else (signs, exponents, more digits, zero with a sign) goes the general way.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = default;
        var negative = !text.IsEmpty && text[0] == '-';
        var body = negative ? text[1..] : text;
        if (body.IsEmpty || body.Length > 19)
        {
            return false;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                mantissa = (mantissa * 10) + (uint)(c - '0');
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || digits > 18 || scale == 0 || body[0] == '.' || (negative && mantissa == 0))
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('-' or '+' or '.'))
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static bool SameDigits(ReadOnlySpan<char> text, decimal value)
    {
        if (text.Length <= 28)
        {
            return true; // at most 28 digits: always exact
        }

        Span<char> buffer = stackalloc char[64];
        return value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture)
            && Significant(buffer[..written]) == Significant(text);
    }

    // The significant digits of a plain decimal number: no sign, point, leading or trailing zeros.
    private static string Significant(ReadOnlySpan<char> number)
    {
        var builder = new System.Text.StringBuilder(number.Length);
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim('0');
    }

    private static DateOnly ParseDate(AthenaType type, ReadOnlySpan<char> text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var y) || !TryDigits(text.Slice(5, 2), out var m) || !TryDigits(text.Slice(8, 2), out var d)
            || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            throw Invalid(type, text);
        }

        return new DateOnly(y, m, d);
    }

    /// <summary>Reads <c>yyyy-MM-dd[ |T]HH:mm[:ss[.fraction]]</c>; returns how many characters it used.</summary>
    internal static DateTime ParseDateTime(AthenaType type, ReadOnlySpan<char> text, out int used)
    {
        if (text.Length < 16 || (text[10] != ' ' && text[10] != 'T'))
        {
            throw Invalid(type, text);
        }

        var date = ParseDate(type, text[..10]);
        var ticks = ParseTimeOfDay(type, text[11..], out var timeUsed);
        used = 11 + timeUsed;
        return date.ToDateTime(TimeOnly.MinValue).AddTicks(ticks);
    }

    /// <summary>Reads <c>HH:mm[:ss[.fraction]]</c> as ticks; fractions beyond 7 digits are truncated.</summary>
    internal static long ParseTimeOfDay(AthenaType type, ReadOnlySpan<char> text, out int used)
    {
        if (text.Length < 5 || text[2] != ':' || !TryDigits(text[..2], out var h) || !TryDigits(text.Slice(3, 2), out var min) || h > 23 || min > 59)
        {
            throw Invalid(type, text);
        }

        var s = 0;
        long fraction = 0;
        used = 5;
        if (text.Length >= 8 && text[5] == ':')
        {
            if (!TryDigits(text.Slice(6, 2), out s) || s > 59)
            {
                throw Invalid(type, text);
            }

            used = 8;
            if (text.Length > 8 && text[8] == '.')
            {
                used = 9;
                var digits = 0;
                while (used < text.Length && char.IsAsciiDigit(text[used]))
                {
                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + (text[used] - '0');
                    }

                    digits++;
                    used++;
                }

                if (digits == 0)
                {
                    throw Invalid(type, text);
                }

                for (var pad = digits; pad < 7; pad++)
                {
                    fraction *= 10;
                }
            }
        }

        return (((h * 60L) + min) * 60 + s) * TimeSpan.TicksPerSecond + fraction;
    }

    private static DateTimeOffset ParseTimestampWithZone(AthenaType type, ReadOnlySpan<char> text)
    {
        var local = ParseDateTime(type, text, out var used);
        var zone = text[used..].Trim();
        if (zone.IsEmpty)
        {
            throw Invalid(type, text);
        }

        if (zone[0] is '+' or '-')
        {
            return new DateTimeOffset(local, ParseOffset(type, text, zone));
        }

        if (zone.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone.Equals("Z", StringComparison.OrdinalIgnoreCase)
            || zone.Equals("GMT", StringComparison.OrdinalIgnoreCase) || zone.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            return new DateTimeOffset(local, TimeSpan.Zero);
        }

        var name = zone.ToString();
        TimeZoneInfo info;
        try
        {
            info = Zones.GetOrAdd(name, TimeZoneInfo.FindSystemTimeZoneById);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new AthenaValueException($"The {type} value '{text}' names the time zone '{name}', which this system does not know.", ex);
        }

        return new DateTimeOffset(local, info.GetUtcOffset(local));
    }

    private static TimeSpan ParseOffset(AthenaType type, ReadOnlySpan<char> whole, ReadOnlySpan<char> zone)
    {
        if (zone.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone.Equals("Z", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.Zero;
        }

        // +hh:mm, +hhmm or +hh
        if (zone.Length >= 3 && zone[0] is '+' or '-' && TryDigits(zone.Slice(1, 2), out var h))
        {
            var rest = zone[3..];
            if (!rest.IsEmpty && rest[0] == ':')
            {
                rest = rest[1..];
            }

            var m = 0;
            if ((rest.IsEmpty || (rest.Length == 2 && TryDigits(rest, out m))) && h <= 14 && m <= 59)
            {
                var offset = new TimeSpan(h, m, 0);
                return zone[0] == '-' ? -offset : offset;
            }
        }

        throw Invalid(type, whole);
    }

    private static TimeSpan ParseDayToSecond(AthenaType type, ReadOnlySpan<char> text)
    {
        var negative = !text.IsEmpty && text[0] == '-';
        var body = negative ? text[1..] : text;
        var space = body.IndexOf(' ');
        if (space <= 0 || !long.TryParse(body[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            throw Invalid(type, text);
        }

        var ticks = ParseTimeOfDay(type, body[(space + 1)..], out var used);
        if (used != body.Length - space - 1)
        {
            throw Invalid(type, text);
        }

        var total = TimeSpan.FromDays(days) + TimeSpan.FromTicks(ticks);
        return negative ? -total : total;
    }

    private static AthenaYearMonthInterval ParseYearToMonth(AthenaType type, ReadOnlySpan<char> text)
    {
        var negative = !text.IsEmpty && text[0] == '-';
        var body = negative ? text[1..] : text;
        var dash = body.IndexOf('-');
        if (dash <= 0 || !int.TryParse(body[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var years)
            || !int.TryParse(body[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var months))
        {
            throw Invalid(type, text);
        }

        var total = checked((years * 12) + months);
        return new AthenaYearMonthInterval(negative ? -total : total);
    }

    private static byte[] ParseHex(AthenaType type, ReadOnlySpan<char> text)
    {
        // Athena renders varbinary as hex pairs separated by spaces: "68 65 6c 6c 6f".
        var bytes = new byte[CountHexDigits(text) / 2];
        var count = 0;
        var high = -1;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            var nibble = HexValue(c);
            if (nibble < 0)
            {
                throw Invalid(type, text);
            }

            if (high < 0)
            {
                high = nibble;
            }
            else
            {
                bytes[count++] = (byte)((high << 4) | nibble);
                high = -1;
            }
        }

        return high < 0 ? bytes : throw Invalid(type, text);
    }

    private static int CountHexDigits(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c != ' ')
            {
                n++;
            }
        }

        return n;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return !text.IsEmpty;
    }

    private static AthenaValueException Invalid(AthenaType type, ReadOnlySpan<char> text) =>
        new($"'{Shorten(text)}' is not a valid {type} value.");

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..77], "...");
}
