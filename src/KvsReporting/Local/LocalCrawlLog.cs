using System.Diagnostics;
using System.Text.Json;
using DuckDB.NET.Data;

namespace KvsReporting.Local;

/// <summary>
/// The crawl log: one row per crawl in <c>kvs_internal.crawl_log</c>, written RUNNING when a crawl starts and
/// completed when it ends, so the crawler's state survives the process and another session sees a crawl in
/// progress. A RUNNING row whose process is gone is reported as FAILED (interrupted).
/// </summary>
internal static class LocalCrawlLog
{
    private const string Table = "\"AwsDataCatalog\".kvs_internal.crawl_log";

    public static void EnsureCreated(DuckDBConnection connection)
    {
        LocalDatabase.Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                run_id VARCHAR PRIMARY KEY, crawler_name VARCHAR NOT NULL, source VARCHAR NOT NULL,
                start_time TIMESTAMPTZ NOT NULL, end_time TIMESTAMPTZ, status VARCHAR NOT NULL,
                process_id INTEGER, host VARCHAR,
                tables_created INTEGER DEFAULT 0, tables_updated INTEGER DEFAULT 0,
                rows_read BIGINT DEFAULT 0, rows_added BIGINT DEFAULT 0, rows_updated BIGINT DEFAULT 0,
                rows_unchanged BIGINT DEFAULT 0, rows_skipped BIGINT DEFAULT 0,
                skipped_reasons VARCHAR, drift VARCHAR, consumed_capacity DOUBLE, error_message VARCHAR)
            """);
    }

    public static void Start(DuckDBConnection connection, string runId, string crawlerName, string source, DateTimeOffset start)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Table} (run_id, crawler_name, source, start_time, status, process_id, host) VALUES (?, ?, ?, ?, 'RUNNING', ?, ?)";
        Add(command, runId, crawlerName, source, start.UtcDateTime, Environment.ProcessId, Environment.MachineName);
        command.ExecuteNonQuery();
    }

    public static void Finish(DuckDBConnection connection, LocalCrawlRun run)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE {Table} SET end_time = ?, status = ?, tables_created = ?, tables_updated = ?, rows_read = ?,
                rows_added = ?, rows_updated = ?, rows_unchanged = ?, rows_skipped = ?, skipped_reasons = ?, drift = ?,
                consumed_capacity = ?, error_message = ?
            WHERE run_id = ?
            """;
        Add(
            command,
            (run.EndTime ?? DateTimeOffset.UtcNow).UtcDateTime,
            run.Status,
            run.TablesCreated,
            run.TablesUpdated,
            run.RowsRead,
            run.RowsAdded,
            run.RowsUpdated,
            run.RowsUnchanged,
            run.RowsSkipped,
            JsonSerializer.Serialize(run.SkippedReasons),
            JsonSerializer.Serialize(run.Drift),
            run.ConsumedCapacityUnits,
            run.ErrorMessage,
            run.RunId);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs of one crawler, newest first.</summary>
    public static List<LocalCrawlRun> Runs(DuckDBConnection connection, string crawlerName, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT run_id, crawler_name, source, start_time, end_time, status, process_id, host, tables_created, tables_updated,
                   rows_read, rows_added, rows_updated, rows_unchanged, rows_skipped, skipped_reasons, drift, consumed_capacity, error_message
            FROM {Table} WHERE crawler_name = ? ORDER BY start_time DESC LIMIT ?
            """;
        Add(command, crawlerName, limit);
        using var r = command.ExecuteReader();
        var runs = new List<LocalCrawlRun>();
        while (r.Read())
        {
            var status = r.GetString(5);
            string? error = r.IsDBNull(18) ? null : r.GetString(18);
            if (status == "RUNNING" && !IsAlive(r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7)))
            {
                status = "FAILED";
                error ??= "The crawl was interrupted: the process that ran it ended before it finished.";
            }

            runs.Add(new LocalCrawlRun
            {
                RunId = r.GetString(0),
                CrawlerName = r.GetString(1),
                Source = r.GetString(2),
                StartTime = Utc(r.GetValue(3)),
                EndTime = r.IsDBNull(4) ? null : Utc(r.GetValue(4)),
                Status = status,
                TablesCreated = r.IsDBNull(8) ? 0 : r.GetInt32(8),
                TablesUpdated = r.IsDBNull(9) ? 0 : r.GetInt32(9),
                RowsRead = r.IsDBNull(10) ? 0 : r.GetInt64(10),
                RowsAdded = r.IsDBNull(11) ? 0 : r.GetInt64(11),
                RowsUpdated = r.IsDBNull(12) ? 0 : r.GetInt64(12),
                RowsUnchanged = r.IsDBNull(13) ? 0 : r.GetInt64(13),
                RowsSkipped = r.IsDBNull(14) ? 0 : r.GetInt64(14),
                SkippedReasons = Counts(r.IsDBNull(15) ? null : r.GetString(15)),
                Drift = Counts(r.IsDBNull(16) ? null : r.GetString(16)),
                ConsumedCapacityUnits = r.IsDBNull(17) ? null : r.GetDouble(17),
                ErrorMessage = error,
            });
        }

        return runs;
    }

    private static bool IsAlive(int? processId, string? host)
    {
        if (processId is null || !string.Equals(host, Environment.MachineName, StringComparison.Ordinal))
        {
            return host is not null && !string.Equals(host, Environment.MachineName, StringComparison.Ordinal);
        }

        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(processId.Value);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static DateTimeOffset Utc(object value) => value switch
    {
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"Unexpected time value {value.GetType()}"),
    };

    private static Dictionary<string, long> Counts(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, long>() : JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? new Dictionary<string, long>();

    private static void Add(DuckDBCommand command, params object?[] values)
    {
        foreach (var v in values)
        {
            command.Parameters.Add(new DuckDBParameter(v ?? DBNull.Value));
        }
    }
}
