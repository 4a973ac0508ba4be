using System.Globalization;
using KvsReporting.Queries.Types;

namespace KvsReporting.Queries.Sql;

/// <summary>
/// Formats a parameter value as the SQL literal Athena expects in StartQueryExecution's ExecutionParameters.
/// Athena substitutes each ExecutionParameters string for a positional <c>?</c> as a literal of the statement, so
/// a string must arrive quoted with its quotes doubled (<c>'O''Brien'</c>) and typed values as typed literals
/// (<c>TIMESTAMP '...'</c>, <c>DATE '...'</c>, <c>DECIMAL '...'</c>). Anything else is refused, never stringified.
/// </summary>
public static class AthenaParameterLiteral
{
    public static string Format(object? value)
    {
        var inv = CultureInfo.InvariantCulture;
        return value switch
        {
            null => "NULL",
            string s => Quote(s),
            char c => Quote(c.ToString()),
            bool b => b ? "true" : "false",
            sbyte or byte or short or ushort or int or uint or long => Convert.ToString(value, inv)!,
            ulong u => "DECIMAL " + Quote(u.ToString(inv)),
            decimal d => "DECIMAL " + Quote(d.ToString(inv)),
            double d when double.IsFinite(d) => "DOUBLE " + Quote(d.ToString("R", inv)),
            float f when float.IsFinite(f) => "REAL " + Quote(f.ToString("R", inv)),
            double or float => throw new ArgumentException("NaN and infinite numbers have no SQL literal; pass a finite number.", nameof(value)),
            DateOnly date => "DATE " + Quote(date.ToString("yyyy-MM-dd", inv)),
            TimeOnly time => "TIME " + Quote(time.ToString("HH:mm:ss.fffffff", inv)),
            DateTime dt => "TIMESTAMP " + Quote(dt.ToString("yyyy-MM-dd HH:mm:ss.fffffff", inv)),
            DateTimeOffset dto => "TIMESTAMP " + Quote(dto.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", inv) + " UTC"),
            Guid g => "UUID " + Quote(g.ToString("D")),
            byte[] bytes => "X" + Quote(Convert.ToHexString(bytes)),
            TimeSpan span => "INTERVAL " + Quote((span < TimeSpan.Zero ? "-" : string.Empty) + span.Duration().ToString(@"d\ hh\:mm\:ss\.fff", inv)) + " DAY TO SECOND",
            AthenaYearMonthInterval months => "INTERVAL " + Quote(months.TotalMonths.ToString(inv)) + " MONTH",
            Enum e => Quote(e.ToString()),
            _ => throw new ArgumentException($"A query parameter of type {value.GetType().FullName} has no Athena literal; pass a string, number, boolean, date or time.", nameof(value)),
        };
    }

    /// <summary>A string literal: single quotes, embedded single quotes doubled (the only escape SQL knows).</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
