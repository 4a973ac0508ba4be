using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using DuckDB.NET.Data;
using KvsReporting.Detections;
using KvsReporting.Errors;
using KvsReporting.Stack;

namespace KvsReporting.Local;

/// <summary>
/// The local stack's crawler: reads detections from a DynamoDB table, an export file or objects, and catalogs
/// them into <c>AwsDataCatalog.kvsworkshop_db.&lt;table&gt;</c> as Glue's crawler would, incrementally (see
/// <see cref="LocalCrawlSession"/>). Each run is recorded in the crawl log; <see cref="GetStatus"/> reports the
/// crawler like Glue's GetCrawler. While a crawl runs, a marker file in the stack folder
/// (<c>crawler.running.json</c>) lets any process see the crawler RUNNING without opening the database, which
/// the crawl holds exclusively.
/// </summary>
public sealed class LocalCrawler
{
    public const string RunningMarkerFileName = "crawler.running.json";

    private readonly LocalStackStore store = new();

    public LocalCrawler(string localPath)
    {
        Stack = store.Open(localPath);
        LocalPath = Stack.LocalPath!;
        Settings = store.ReadSettings(LocalPath);
    }

    public string LocalPath { get; }

    public KvsReportingStack Stack { get; }

    public LocalStackSettings Settings { get; private set; }

    /// <summary>The crawled table's name (the DynamoDB table's, lower-cased).</summary>
    public string GlueTableName => LocalCatalog.GlueTableName(Settings.TableName);

    private string MarkerPath => Path.Combine(LocalPath, RunningMarkerFileName);

    /// <summary>Whether a crawl of this stack runs now, in this or another process (read from the marker file
    /// alone, so it works while the crawl holds the database).</summary>
    public bool IsRunning => ReadMarker() is not null;

    /// <summary>The crawler's state and its last finished crawl.</summary>
    public LocalCrawlerStatus GetStatus()
    {
        var running = ReadMarker();
        List<LocalCrawlRun> runs;
        if (running is not null && running.ProcessId != Environment.ProcessId)
        {
            runs = new List<LocalCrawlRun>(); // the crawl holds the database; the marker is all there is to read
        }
        else
        {
            runs = GetRuns(10).ToList();
        }

        var last = runs.FirstOrDefault(r => r.Status != "RUNNING");
        return new LocalCrawlerStatus
        {
            CrawlerName = Settings.CrawlerName,
            State = running is null ? "READY" : "RUNNING",
            Schedule = Settings.Schedule,
            TableName = Settings.TableName,
            StackName = Settings.StackName,
            LocalPath = LocalPath,
            Target = Describe(Settings.CrawlSource, Settings.TableName),
            LastCrawl = last,
            CurrentCrawl = running is null ? null : new LocalCrawlRun
            {
                RunId = running.RunId,
                CrawlerName = Settings.CrawlerName,
                Source = running.Source,
                Status = "RUNNING",
                StartTime = running.StartTime,
            },
        };
    }

    /// <summary>Recorded crawls, newest first.</summary>
    public IReadOnlyList<LocalCrawlRun> GetRuns(int max = 20)
    {
        using var lease = OpenDatabase();
        return LocalCrawlLog.Runs(lease.Connection, Settings.CrawlerName, max);
    }

    /// <summary>Starts a crawl fed by the caller (detection objects, or a custom reader).</summary>
    public LocalCrawlSession Begin(string source, bool typedSource = true)
    {
        var runId = LocalCrawlSession.NewRunId();
        ClaimMarker(runId, source);
        LocalConnection? lease = null;
        try
        {
            lease = OpenDatabase();
            return new RunningSession(this, lease, runId, source, typedSource).Session;
        }
        catch
        {
            lease?.Dispose();
            ReleaseMarker(runId);
            throw;
        }
    }

    /// <summary>Crawls detection objects.</summary>
    public LocalCrawlRun CrawlObjects(IEnumerable<LicensePlateDetection> detections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detections);
        using var session = Begin("objects");
        foreach (var detection in detections)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.Add(detection);
        }

        return session.Complete();
    }

    /// <summary>
    /// Writes detections into the stack's detections table (Write-KvsDetection -Local): the local stack's table is
    /// both the DynamoDB table and what the crawler catalogs, so the detections go through the crawl's merge (upsert
    /// by image_name, the table key; the table created as a crawl creates it) and can be queried at once. It is no
    /// crawl: the crawl log and the crawler's last crawl stay as they are. A stack without a crawl source yet gets
    /// its own table as the source, so a later Start-KvsCrawler -Local finds nothing to read and succeeds.
    /// </summary>
    public LocalCrawlRun WriteDetections(IEnumerable<LicensePlateDetection> detections, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (ReadMarker() is { } running)
        {
            throw KvsErrors.Terminating(
                $"The crawler '{Settings.CrawlerName}' of the local stack in '{LocalPath}' is crawling (since {running.StartTime:u}); detections cannot be written meanwhile.",
                "KvsWriteDetectionCrawlerRunning",
                ErrorCategory.ResourceBusy,
                Settings.TableName,
                "Wait for the crawl to finish (Wait-KvsCrawler -Local), then write again.");
        }

        LocalCrawlRun run;
        var lease = OpenDatabase();
        LocalCrawlSession session;
        try
        {
            session = new LocalCrawlSession(lease, LocalCrawlSession.NewRunId(), Settings.CrawlerName, WrittenSource, GlueTableName, typedSource: true, recordRun: false);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        using (session)
        {
            foreach (var detection in detections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                session.Add(detection);
                if ((session.RecordsRead & 0x3FFF) == 0)
                {
                    progress?.Invoke(session.RecordsRead);
                }
            }

            run = session.Complete();
        }

        if (store.ReadSettings(LocalPath).CrawlSource is null)
        {
            Remember(new LocalCrawlSourceSettings { Kind = LocalCrawlSourceKind.Stack });
        }

        return run;
    }

    /// <summary>The source name of the stack's own detections table.</summary>
    private string WrittenSource => "stack:" + Settings.TableName;

    /// <summary>
    /// A crawl of the stack's own detections table (the source after Write-KvsDetection -Local): what was written
    /// is in the catalog already, so the run reads nothing and succeeds, as a Glue crawl that finds no change.
    /// </summary>
    public LocalCrawlRun CrawlStackTable()
    {
        using var session = Begin(WrittenSource);
        return session.Complete();
    }

    /// <summary>Crawls a JSON, JSON-lines, DynamoDB-JSON export or CSV file and remembers it as the crawler's target.</summary>
    public LocalCrawlRun CrawlFile(string path, Action<long>? progress, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw KvsErrors.Terminating(
                $"The crawl source '{full}' does not exist.",
                "KvsStartCrawlerSourceNotFound",
                ErrorCategory.ObjectNotFound,
                full,
                "Give -Path an existing JSON, JSON-lines, DynamoDB-JSON export or CSV file.");
        }

        LocalCrawlRun run;
        using (var session = Begin("file:" + full, CrawlFileSource.IsTyped(full)))
        {
            try
            {
                CrawlFileSource.Read(
                    full,
                    record =>
                    {
                        session.Add(record);
                        if ((session.RecordsRead & 0xFFFF) == 0)
                        {
                            progress?.Invoke(session.RecordsRead);
                        }
                    },
                    cancellationToken);
            }
            catch (IOException ex)
            {
                session.Fail(ex.Message);
                throw KvsErrors.Terminating($"Reading '{full}' failed: {ex.Message}", "KvsStartCrawlerSourceUnreadable", ErrorCategory.ReadError, full, "Check that the file is readable and complete.", ex);
            }

            run = session.Complete();
        }

        Remember(new LocalCrawlSourceSettings { Kind = LocalCrawlSourceKind.File, Path = full });
        return run;
    }

    /// <summary>Crawls a DynamoDB table with a parallel scan and remembers it as the crawler's target.</summary>
    public async Task<LocalCrawlRun> CrawlDynamoDbAsync(
        IAmazonDynamoDB client,
        string tableName,
        int segments,
        string? region,
        string? endpointUrl,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var source = "dynamodb:" + tableName + (endpointUrl is null ? string.Empty : "@" + endpointUrl);
        LocalCrawlRun run;
        using (var session = Begin(source))
        {
            try
            {
                var scan = await DynamoDbCrawlSource.ScanAsync(client, tableName, segments, session.Add, progress, cancellationToken).ConfigureAwait(false);
                session.ConsumedCapacityUnits = scan.ConsumedCapacityUnits;
            }
            catch (AmazonServiceException ex)
            {
                session.Fail($"{ex.ErrorCode}: {ex.Message}");
                throw DynamoDbError(ex, tableName);
            }

            run = session.Complete();
        }

        Remember(new LocalCrawlSourceSettings { Kind = LocalCrawlSourceKind.DynamoDB, TableName = tableName, Region = region, EndpointUrl = endpointUrl });
        return run;
    }

    private static KvsErrorException DynamoDbError(AmazonServiceException ex, string tableName)
    {
        var (id, category, action) = ex.ErrorCode switch
        {
            "ResourceNotFoundException" => ("KvsStartCrawlerTableNotFound", ErrorCategory.ObjectNotFound, $"Check the table name '{tableName}', the region and the endpoint."),
            "AccessDeniedException" or "AccessDenied" or "UnrecognizedClientException" or "InvalidSignatureException" =>
                ("KvsStartCrawlerAccessDenied", ErrorCategory.PermissionDenied, $"Grant dynamodb:Scan and dynamodb:DescribeTable on table '{tableName}' to the credentials used, or check them."),
            _ => ("KvsStartCrawlerFailed", ErrorCategory.ReadError, "Retry; if it persists, check the table and the endpoint."),
        };
        return KvsErrors.Terminating($"Scanning DynamoDB table '{tableName}' failed: {ex.ErrorCode}: {ex.Message}", id, category, tableName, action, ex);
    }

    private void Remember(LocalCrawlSourceSettings source)
    {
        Settings = store.ReadSettings(LocalPath) with { CrawlSource = source };
        store.WriteSettings(LocalPath, Settings);
    }

    private LocalConnection OpenDatabase()
    {
        try
        {
            return LocalDatabase.Open(LocalPath);
        }
        catch (DuckDBException ex)
        {
            throw LocalQueryErrors.FromDuckDb(ex, LocalPath);
        }
    }

    internal static string? Describe(LocalCrawlSourceSettings? source, string tableName) => source?.Kind switch
    {
        LocalCrawlSourceKind.File => "file:" + source.Path,
        LocalCrawlSourceKind.DynamoDB => "dynamodb:" + source.TableName + (source.EndpointUrl is null ? string.Empty : "@" + source.EndpointUrl),
        LocalCrawlSourceKind.Stack => "stack:" + tableName,
        _ => null,
    };

    private sealed record Marker(string RunId, string Source, DateTimeOffset StartTime, int ProcessId, string Host);

    private Marker? ReadMarker()
    {
        try
        {
            var marker = JsonSerializer.Deserialize<Marker>(File.ReadAllText(MarkerPath));
            if (marker is null)
            {
                return null;
            }

            if (marker.ProcessId == Environment.ProcessId || !string.Equals(marker.Host, Environment.MachineName, StringComparison.Ordinal))
            {
                return marker;
            }

            try
            {
                using var process = Process.GetProcessById(marker.ProcessId);
                return process.HasExited ? null : marker;
            }
            catch (ArgumentException)
            {
                return null; // the crawl's process is gone: the run reads back as interrupted
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void ClaimMarker(string runId, string source)
    {
        if (ReadMarker() is { } running)
        {
            throw KvsErrors.Terminating(
                $"The crawler '{Settings.CrawlerName}' of the local stack in '{LocalPath}' is already running (since {running.StartTime:u}, source {running.Source}).",
                "KvsStartCrawlerAlreadyRunning",
                ErrorCategory.ResourceBusy,
                Settings.CrawlerName,
                "Wait for the running crawl to finish (Get-KvsCrawlerStatus -Local shows its state).");
        }

        var marker = new Marker(runId, source, DateTimeOffset.UtcNow, Environment.ProcessId, Environment.MachineName);
        File.WriteAllText(MarkerPath, JsonSerializer.Serialize(marker));
    }

    internal void ReleaseMarker(string runId)
    {
        if (ReadMarker() is { } marker && marker.RunId == runId)
        {
            File.Delete(MarkerPath);
        }
    }

    /// <summary>Ties a session's end to releasing the running marker.</summary>
    private sealed class RunningSession
    {
        public RunningSession(LocalCrawler crawler, LocalConnection lease, string runId, string source, bool typedSource)
        {
            var table = crawler.GlueTableName;
            Session = new LocalCrawlSession(lease, runId, crawler.Settings.CrawlerName, source, table, typedSource, () => crawler.ReleaseMarker(runId));
        }

        public LocalCrawlSession Session { get; }
    }
}
