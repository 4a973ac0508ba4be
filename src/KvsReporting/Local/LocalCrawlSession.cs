using System.Globalization;
using DuckDB.NET.Data;
using KvsReporting.Detections;

namespace KvsReporting.Local;

/// <summary>
/// One crawl in progress: rows stream into a staging table through DuckDB's appender; <see cref="Complete"/>
/// merges them into the crawled table (upsert by image_name, the key: new rows added, changed rows replaced,
/// identical rows left alone), evolves the schema like Glue's UPDATE_IN_DATABASE, refreshes the connector
/// views and records the run. Disposing without completing records the run as CANCELLED.
/// </summary>
public sealed class LocalCrawlSession : IDisposable
{
    private const string Stage = "kvs_stage";

    private readonly LocalConnection lease;
    private readonly DuckDBAppender appender;
    private readonly CrawlNormalizer normalizer;
    private readonly string table;
    private readonly DateTimeOffset start = DateTimeOffset.UtcNow;
    private readonly Action? onDisposed;
    private readonly bool recordRun;
    private long sequence;
    private bool finished;

    /// <param name="recordRun">False for detections written into the stack (Write-KvsDetection -Local): they
    /// merge exactly as a crawl would, but are no crawl, so the crawl log and the crawler's status stay as they are.</param>
    internal LocalCrawlSession(LocalConnection lease, string runId, string crawlerName, string source, string table, bool typedSource, Action? onDisposed = null, bool recordRun = true)
    {
        this.onDisposed = onDisposed;
        this.recordRun = recordRun;
        this.lease = lease;
        this.table = table;
        RunId = runId;
        CrawlerName = crawlerName;
        Source = source;
        normalizer = new CrawlNormalizer(typedSource);
        if (recordRun)
        {
            LocalCrawlLog.Start(lease.Connection, runId, crawlerName, source, start);
        }

        LocalDatabase.Execute(lease.Connection, $"CREATE OR REPLACE TEMP TABLE {Stage} (seq BIGINT, image_name VARCHAR, license_plate VARCHAR, confidence DOUBLE, bucket_name VARCHAR, \"timestamp\" VARCHAR, extras VARCHAR)");
        appender = lease.Connection.CreateAppender("temp", "main", Stage);
    }

    public string RunId { get; }

    public string CrawlerName { get; }

    public string Source { get; }

    /// <summary>Records read so far (kept or skipped).</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Read capacity a DynamoDB source consumed, when it reports it.</summary>
    public double? ConsumedCapacityUnits { get; set; }

    public void Add(CrawlRecord record)
    {
        RecordsRead++;
        Append(normalizer.Normalize(record));
    }

    public void Add(LicensePlateDetection detection)
    {
        RecordsRead++;
        Append(normalizer.Normalize(detection));
    }

    private void Append(CrawlRow? row)
    {
        if (row is null)
        {
            return;
        }

        var r = appender.CreateRow().AppendValue(sequence++).AppendValue(row.ImageName);
        r = row.LicensePlate is null ? r.AppendNullValue() : r.AppendValue(row.LicensePlate);
        r = r.AppendValue(row.Confidence);
        r = row.BucketName is null ? r.AppendNullValue() : r.AppendValue(row.BucketName);
        r = row.Timestamp is null ? r.AppendNullValue() : r.AppendValue(row.Timestamp);
        r = row.ExtrasJson is null ? r.AppendNullValue() : r.AppendValue(row.ExtrasJson);
        r.EndRow();
    }

    /// <summary>Merges the staged rows and records the run as SUCCEEDED (or FAILED, rethrowing).</summary>
    public LocalCrawlRun Complete()
    {
        appender.Close();
        var connection = lease.Connection;
        try
        {
            var counts = LocalCrawlMerge.Merge(connection, Stage, table, normalizer.Schema);
            var skipped = new Dictionary<string, long>(normalizer.Skipped, StringComparer.Ordinal);
            if (counts.Duplicates > 0)
            {
                skipped["duplicate image_name in the source (the last item was kept)"] = counts.Duplicates;
            }

            var run = new LocalCrawlRun
            {
                RunId = RunId,
                CrawlerName = CrawlerName,
                Source = Source,
                Status = "SUCCEEDED",
                StartTime = start,
                EndTime = DateTimeOffset.UtcNow,
                TablesCreated = counts.TableCreated ? 1 : 0,
                TablesUpdated = counts.SchemaChanged && !counts.TableCreated ? 1 : 0,
                RowsRead = RecordsRead,
                RowsAdded = counts.Added,
                RowsUpdated = counts.Updated,
                RowsUnchanged = counts.Unchanged,
                RowsSkipped = skipped.Values.Sum(),
                SkippedReasons = skipped,
                Drift = new Dictionary<string, long>(normalizer.Drift, StringComparer.Ordinal),
                ConsumedCapacityUnits = ConsumedCapacityUnits,
            };
            if (recordRun)
            {
                LocalCrawlLog.Finish(connection, run);
            }

            finished = true;
            return run;
        }
        catch (Exception ex)
        {
            Fail(ex.Message);
            throw;
        }
    }

    /// <summary>Records the run as FAILED with the message (the source could not be read, ...).</summary>
    public LocalCrawlRun Fail(string message) => Finish("FAILED", message);

    private LocalCrawlRun Finish(string status, string? message)
    {
        var run = new LocalCrawlRun
        {
            RunId = RunId,
            CrawlerName = CrawlerName,
            Source = Source,
            Status = status,
            StartTime = start,
            EndTime = DateTimeOffset.UtcNow,
            RowsRead = RecordsRead,
            RowsSkipped = normalizer.SkippedCount,
            SkippedReasons = new Dictionary<string, long>(normalizer.Skipped, StringComparer.Ordinal),
            Drift = new Dictionary<string, long>(normalizer.Drift, StringComparer.Ordinal),
            ConsumedCapacityUnits = ConsumedCapacityUnits,
            ErrorMessage = message,
        };
        if (!finished)
        {
            finished = true;
            if (!recordRun)
            {
                return run;
            }

            try
            {
                LocalCrawlLog.Finish(lease.Connection, run);
            }
            catch (DuckDBException)
            {
                // the database itself failed; the run stays RUNNING and reads back as interrupted
            }
        }

        return run;
    }

    public void Dispose()
    {
        if (!finished)
        {
            Finish("CANCELLED", "The crawl was stopped before it finished.");
        }

        appender.Dispose();
        try
        {
            LocalDatabase.Execute(lease.Connection, $"DROP TABLE IF EXISTS temp.main.{Stage}");
        }
        catch (DuckDBException)
        {
            // the connection is going away with its temp tables anyway
        }

        lease.Dispose();
        onDisposed?.Invoke();
    }

    internal static string NewRunId() =>
        DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
