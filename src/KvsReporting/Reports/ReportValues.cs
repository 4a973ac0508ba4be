using System.Globalization;

namespace KvsReporting.Reports;

/// <summary>
/// Reads result values whatever .NET type an engine chose for them (DuckDB gives long/double/DateTime, Athena's
/// converter bigint/double/DateTimeOffset, a CSV path may give text), so report code stays engine-neutral.
/// </summary>
internal static class ReportValues
{
    public static long ToLong(object? value) => value switch
    {
        null or DBNull => 0,
        long l => l,
        string s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
        System.Numerics.BigInteger b => (long)b,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static double? ToDouble(object? value) => value switch
    {
        null or DBNull => null,
        double d => d,
        string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static string? ToText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Timestamps in the table are UTC; an engine's offset-less value is therefore UTC.</summary>
    public static DateTimeOffset? ToUtc(object? value) => value switch
    {
        null or DBNull => null,
        DateTimeOffset o => o.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"Cannot read a timestamp from a {value.GetType().Name}."),
    };
}
