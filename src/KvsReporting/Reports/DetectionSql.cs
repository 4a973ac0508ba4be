using System.Text;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>
/// The SQL pieces every report query shares, per dialect. Reports read the raw table (as the Glue crawler and
/// the embedded catalog expose it) and normalise it once in a CTE, so drifted items (confidence as a string,
/// odd timestamp precisions) are read where possible and left out, not failed on, where not.
/// </summary>
internal static class DetectionSql
{
    public const string Table = "licenseplatedetections";

    /// <summary>
    /// <c>WITH d AS (...)</c> over the table: plate, confidence (double), ts (timestamp, UTC), camera, image and
    /// bucket; only rows with a plate and a readable timestamp; filtered to the range with bound parameters.
    /// </summary>
    public static string SourceCte(SqlDialect dialect, ReportRange range, List<object?> parameters, string table = Table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        var sql = new StringBuilder();
        sql.Append("WITH raw AS (SELECT license_plate, TRY_CAST(confidence AS DOUBLE) AS confidence, ")
           .Append(ParseTimestamp(dialect)).Append(" AS ts, ")
           .Append("split_part(image_name, '/', 1) AS camera, image_name, bucket_name ")
           .Append("FROM ").Append(KvsReporting.Detections.DetectionSql.QuoteIdentifier(table.ToLowerInvariant())).Append("), ")
           .Append("d AS (SELECT * FROM raw WHERE license_plate IS NOT NULL AND ts IS NOT NULL");
        if (range.After is { } after)
        {
            sql.Append(" AND ts >= CAST(? AS TIMESTAMP)");
            parameters.Add(ReportRange.ToSqlText(after));
        }

        if (range.Before is { } before)
        {
            sql.Append(" AND ts < CAST(? AS TIMESTAMP)");
            parameters.Add(ReportRange.ToSqlText(before));
        }

        sql.Append(')');
        return sql.ToString();
    }

    /// <summary>The table's ISO-8601 text (with 'T', any fraction, no offset) as a timestamp, NULL when unreadable.
    /// DuckDB's cast reads the 'T' form directly (and faster); Trino's cast wants a space.</summary>
    public static string ParseTimestamp(SqlDialect dialect) => dialect switch
    {
        SqlDialect.Athena => "TRY_CAST(replace(\"timestamp\", 'T', ' ') AS TIMESTAMP)",
        _ => "TRY_CAST(\"timestamp\" AS TIMESTAMP)",
    };

    /// <summary>ISO day of week, 1 = Monday .. 7 = Sunday.</summary>
    public static string IsoWeekday(SqlDialect dialect, string ts) => dialect switch
    {
        SqlDialect.Athena => $"day_of_week({ts})",
        _ => $"isodow({ts})",
    };

    /// <summary>Milliseconds from <paramref name="from"/> to <paramref name="to"/> as a bigint.</summary>
    public static string MillisecondsBetween(SqlDialect dialect, string from, string to) =>
        $"date_diff('millisecond', {from}, {to})"; // same name and argument order in Trino and DuckDB

    public static string HourKey(string ts) => $"lpad(CAST(hour({ts}) AS VARCHAR), 2, '0')";

    public static string DayKey(string ts) => $"CAST(CAST({ts} AS DATE) AS VARCHAR)";
}
