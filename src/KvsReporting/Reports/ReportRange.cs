using System.Globalization;

namespace KvsReporting.Reports;

/// <summary>
/// The time range a report covers, in UTC. The table's timestamps are UTC without an offset, so a DateTime of
/// kind Unspecified (as <c>[datetime]'2025-06-01'</c> gives) is read as UTC, and a local one is converted.
/// </summary>
public sealed record ReportRange(DateTime? After, DateTime? Before)
{
    public static ReportRange From(DateTime? after, DateTime? before) => new(ToUtc(after), ToUtc(before));

    /// <summary>The bound as the engines' timestamp text, to bind to <c>CAST(? AS TIMESTAMP)</c>.</summary>
    public static string ToSqlText(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static DateTime? ToUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    };
}
