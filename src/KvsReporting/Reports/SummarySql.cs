using System.Text;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>Generates the grouped summary query for a dimension, in an engine's dialect.</summary>
internal static class SummarySql
{
    /// <summary>Builds the summary query. Output columns: group_key, sort_key, detections, distinct_plates,
    /// avg_confidence, min_confidence, max_confidence, first_seen, last_seen, percent.</summary>
    public static QueryRequest Build(SqlDialect dialect, SummaryDimension dimension, ReportRange range, int? top)
    {
        var parameters = new List<object?>();
        var (key, sortKey) = Keys(dialect, dimension);
        var sql = new StringBuilder(DetectionSql.SourceCte(dialect, range, parameters));
        sql.Append(", g AS (SELECT ").Append(key).Append(" AS group_key, ").Append(sortKey).Append(" AS sort_key, ")
           .Append("count(*) AS detections, count(DISTINCT license_plate) AS distinct_plates, ")
           .Append("round(avg(confidence), 2) AS avg_confidence, min(confidence) AS min_confidence, ")
           .Append("max(confidence) AS max_confidence, min(ts) AS first_seen, max(ts) AS last_seen ")
           .Append("FROM d GROUP BY 1, 2), ")
           // The share is computed over every group before -Top cuts, so a top-10 row still shows its share of all.
           .Append("r AS (SELECT g.*, round(CAST(detections AS DOUBLE) * 100 / sum(detections) OVER (), 2) AS percent, ")
           .Append("row_number() OVER (ORDER BY detections DESC, group_key) AS top_rank FROM g) ")
           .Append("SELECT group_key, sort_key, detections, distinct_plates, avg_confidence, min_confidence, ")
           .Append("max_confidence, first_seen, last_seen, percent FROM r");
        if (top is { } n)
        {
            // row_number instead of LIMIT ?: a bound parameter there is portable to both engines.
            sql.Append(" WHERE top_rank <= ?");
            parameters.Add((long)n);
        }

        sql.Append(top is not null || IsRanked(dimension)
            ? " ORDER BY detections DESC, group_key"
            : " ORDER BY sort_key, group_key");
        return new QueryRequest(sql.ToString()) { Parameters = parameters };
    }

    /// <summary>Plates and cameras read best busiest first; time and bands read best in their own order.</summary>
    public static bool IsRanked(SummaryDimension dimension) =>
        dimension is SummaryDimension.Plate or SummaryDimension.Camera;

    private static (string Key, string SortKey) Keys(SqlDialect dialect, SummaryDimension dimension)
    {
        // CASE, not least(): DuckDB's least() skips NULLs, Trino's returns NULL; a missing confidence must stay NULL.
        const string Band = "CAST(CASE WHEN confidence >= 99 THEN 99 ELSE floor(confidence) END AS BIGINT)";
        return dimension switch
        {
            SummaryDimension.Hour => (DetectionSql.HourKey("ts"), "CAST(hour(ts) AS BIGINT)"),
            SummaryDimension.Day => (DetectionSql.DayKey("ts"), "CAST(0 AS BIGINT)"),
            SummaryDimension.Weekday => (
                $"CAST({DetectionSql.IsoWeekday(dialect, "ts")} AS VARCHAR)",
                $"CAST({DetectionSql.IsoWeekday(dialect, "ts")} AS BIGINT)"),
            SummaryDimension.Plate => ("license_plate", "CAST(0 AS BIGINT)"),
            SummaryDimension.Camera => ("camera", "CAST(0 AS BIGINT)"),
            SummaryDimension.ConfidenceBand => (
                $"coalesce(CAST({Band} AS VARCHAR) || '-' || CAST({Band} + 1 AS VARCHAR), 'unknown')",
                $"coalesce({Band}, 1000)"),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };
    }
}
