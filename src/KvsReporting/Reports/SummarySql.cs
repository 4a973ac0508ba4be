using System.Text;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>Generates the grouped summary query for a dimension, in an engine's dialect.</summary>
internal static class SummarySql
{
    /// <summary>Builds the summary query. Output columns: group_key, detections, distinct_plates,
    /// avg_confidence, min_confidence, max_confidence, first_seen, last_seen, percent.</summary>
    public static QueryRequest Build(SqlDialect dialect, SummaryDimension dimension, ReportRange range, int? top, string table = DetectionSql.Table)
    {
        var parameters = new List<object?>();
        var (group, key, order) = Keys(dialect, dimension);
        var sql = new StringBuilder(DetectionSql.SourceCte(dialect, range, parameters, table));
        // Group on the typed value (hour number, date, band number) and format the key after grouping, so the
        // engine formats one value per group instead of one per detection.
        sql.Append(", g AS (SELECT ").Append(group).Append(" AS g, ")
           .Append("count(*) AS detections, count(DISTINCT license_plate) AS distinct_plates, ")
           .Append("round(avg(confidence), 2) AS avg_confidence, min(confidence) AS min_confidence, ")
           .Append("max(confidence) AS max_confidence, min(ts) AS first_seen, max(ts) AS last_seen ")
           .Append("FROM d GROUP BY 1), ")
           // The share is computed over every group before -Top cuts, so a top-10 row still shows its share of all.
           .Append("r AS (SELECT g.*, ").Append(key).Append(" AS group_key, ").Append(order).Append(" AS sort_key, ")
           .Append("round(CAST(detections AS DOUBLE) * 100 / sum(detections) OVER (), 2) AS percent FROM g), ")
           .Append("t AS (SELECT r.*, row_number() OVER (ORDER BY detections DESC, group_key) AS top_rank FROM r) ")
           .Append("SELECT group_key, detections, distinct_plates, avg_confidence, min_confidence, ")
           .Append("max_confidence, first_seen, last_seen, percent FROM t");
        if (top is { } n)
        {
            // row_number instead of LIMIT ?: Athena binds execution parameters only in WHERE clauses.
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

    /// <summary>Per dimension: the grouped expression over d, the key text over the grouped value g, and the
    /// natural order over g.</summary>
    private static (string Group, string Key, string Order) Keys(SqlDialect dialect, SummaryDimension dimension)
    {
        // CASE, not least(): DuckDB's least() skips NULLs, Trino's returns NULL; a missing confidence must stay NULL.
        const string Band = "CAST(CASE WHEN confidence >= 99 THEN 99 ELSE floor(confidence) END AS BIGINT)";
        return dimension switch
        {
            SummaryDimension.Hour => ("hour(ts)", "lpad(CAST(g AS VARCHAR), 2, '0')", "g"),
            SummaryDimension.Day => ("CAST(ts AS DATE)", "CAST(g AS VARCHAR)", "g"),
            SummaryDimension.Weekday => (DetectionSql.IsoWeekday(dialect, "ts"), "CAST(g AS VARCHAR)", "g"),
            SummaryDimension.Plate => ("license_plate", "g", "g"),
            SummaryDimension.Camera => ("camera", "g", "g"),
            SummaryDimension.ConfidenceBand => (Band, "coalesce(CAST(g AS VARCHAR) || '-' || CAST(g + 1 AS VARCHAR), 'unknown')", "coalesce(g, 1000)"),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };
    }
}
