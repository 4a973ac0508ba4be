using System.Text;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>The report's queries that are not plain summaries: totals, the hour-by-weekday grid, an hourly
/// time series for short ranges, and the most recent detections.</summary>
internal static class ReportSql
{
    /// <summary>Columns: detections, distinct_plates, cameras, avg_confidence, first_seen, last_seen.</summary>
    public static QueryRequest Totals(SqlDialect dialect, ReportRange range, string table = DetectionSql.Table)
    {
        var parameters = new List<object?>();
        var sql = DetectionSql.SourceCte(dialect, range, parameters, table) +
            " SELECT count(*) AS detections, count(DISTINCT license_plate) AS distinct_plates, " +
            "count(DISTINCT camera) AS cameras, round(avg(confidence), 2) AS avg_confidence, " +
            "min(ts) AS first_seen, max(ts) AS last_seen FROM d";
        return new QueryRequest(sql) { Parameters = parameters };
    }

    /// <summary>Columns: weekday (1 = Monday), hour, detections.</summary>
    public static QueryRequest HourByWeekday(SqlDialect dialect, ReportRange range, string table = DetectionSql.Table)
    {
        var parameters = new List<object?>();
        var sql = DetectionSql.SourceCte(dialect, range, parameters, table) +
            $" SELECT CAST({DetectionSql.IsoWeekday(dialect, "ts")} AS BIGINT) AS weekday, CAST(hour(ts) AS BIGINT) AS hour, " +
            "count(*) AS detections FROM d GROUP BY 1, 2 ORDER BY 1, 2";
        return new QueryRequest(sql) { Parameters = parameters };
    }

    /// <summary>Detections per clock hour ("2025-06-01 14:00"), for ranges too short for a daily series.
    /// Columns: group_key, detections, distinct_plates.</summary>
    public static QueryRequest HourlySeries(SqlDialect dialect, ReportRange range, string table = DetectionSql.Table)
    {
        var parameters = new List<object?>();
        var sql = DetectionSql.SourceCte(dialect, range, parameters, table) +
            ", g AS (SELECT date_trunc('hour', ts) AS h, count(*) AS detections, count(DISTINCT license_plate) AS distinct_plates FROM d GROUP BY 1)" +
            $" SELECT {DetectionSql.DayKey("h")} || ' ' || {DetectionSql.HourKey("h")} || ':00' AS group_key, detections, distinct_plates FROM g ORDER BY h";
        return new QueryRequest(sql) { Parameters = parameters };
    }

    /// <summary>The newest <paramref name="limit"/> detections, newest first. Columns: ts, license_plate,
    /// confidence, camera, image_name, bucket_name.</summary>
    public static QueryRequest Recent(SqlDialect dialect, ReportRange range, int limit, string table = DetectionSql.Table)
    {
        var parameters = new List<object?>();
        var sql = new StringBuilder(DetectionSql.SourceCte(dialect, range, parameters, table));
        const string Columns = "ts, license_plate, confidence, camera, image_name, bucket_name";
        if (dialect == SqlDialect.Athena)
        {
            // Athena binds execution parameters only in WHERE clauses, so the limit is a row number filter there.
            sql.Append(" SELECT ").Append(Columns).Append(" FROM (SELECT d.*, row_number() OVER (ORDER BY ts DESC, image_name DESC) AS rn FROM d) ")
               .Append("WHERE rn <= ? ORDER BY ts DESC, image_name DESC");
        }
        else
        {
            sql.Append(" SELECT ").Append(Columns).Append(" FROM d ORDER BY ts DESC, image_name DESC LIMIT ?");
        }

        parameters.Add((long)limit);
        return new QueryRequest(sql.ToString()) { Parameters = parameters };
    }
}
