using System.Text;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>Generates the plate-history query: every sighting of the plates asked for, with the gap since the
/// previous sighting of the same plate computed by the engine (a window function), oldest first.</summary>
internal static class PlateHistorySql
{
    /// <summary>Output columns: license_plate, sighting, ts, gap_ms, confidence, camera, image_name, bucket_name.</summary>
    public static QueryRequest Build(SqlDialect dialect, IReadOnlyList<string> plates, ReportRange range, string table = DetectionSql.Table)
    {
        if (plates.Count == 0)
        {
            throw new ArgumentException("At least one plate is needed.", nameof(plates));
        }

        var parameters = new List<object?>();
        var sql = new StringBuilder(DetectionSql.SourceCte(dialect, range, parameters, table));
        sql.Append(", s AS (SELECT * FROM d WHERE ");
        for (var i = 0; i < plates.Count; i++)
        {
            // One placeholder per pattern; the pattern text itself is only ever a bound value.
            sql.Append(i == 0 ? string.Empty : " OR ").Append("license_plate LIKE ? ESCAPE '\\'");
            parameters.Add(PlatePattern.ToLike(plates[i]));
        }

        sql.Append(") SELECT license_plate, ")
           .Append("row_number() OVER (PARTITION BY license_plate ORDER BY ts, image_name) AS sighting, ts, ")
           .Append(DetectionSql.MillisecondsBetween(dialect, "lag(ts) OVER (PARTITION BY license_plate ORDER BY ts, image_name)", "ts"))
           .Append(" AS gap_ms, confidence, camera, image_name, bucket_name FROM s ORDER BY license_plate, ts, image_name");
        return new QueryRequest(sql.ToString()) { Parameters = parameters };
    }
}

/// <summary>Turns a plate or a PowerShell wildcard (<c>*</c>, <c>?</c>) into a LIKE pattern with <c>\</c> as
/// escape, so <c>%</c> and <c>_</c> typed by a user match themselves.</summary>
internal static class PlatePattern
{
    public static string ToLike(string plate)
    {
        var text = plate.Trim().ToUpperInvariant();
        var like = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            _ = c switch
            {
                '*' => like.Append('%'),
                '?' => like.Append('_'),
                '%' or '_' or '\\' => like.Append('\\').Append(c),
                _ => like.Append(c),
            };
        }

        return like.ToString();
    }
}
