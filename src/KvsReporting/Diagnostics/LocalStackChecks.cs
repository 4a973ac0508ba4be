using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using KvsReporting.Detections;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Queries;

namespace KvsReporting.Diagnostics;

/// <summary>
/// The checks of Test-KvsReportingStack on a local stack. Where a fact has an AWS counterpart the row has the
/// same name and status for the same state (<see cref="DiagnosticCheck"/>); the rest are what only a folder
/// with an embedded database can get wrong (settings, the file and its lock, the views that mirror Athena's
/// names, skipped items, stale data). Like the AWS checks, a problem is a row, never an exception.
/// </summary>
public sealed partial class LocalStackChecks(string folder)
{
    /// <summary>The seed's test query, exactly as the workshop has it.</summary>
    public const string SeedQuery = "SELECT * FROM \"default\".\"licenseplatedetections\" limit 10";

    /// <summary>The Glue crawler runs daily; data older than this means the crawler or the source stopped.</summary>
    public static readonly TimeSpan FreshnessLimit = TimeSpan.FromHours(48);

    private LocalStackSettings? settings;

    /// <summary>Set when the database is held by a crawl in another process (its marker names a live process).</summary>
    private bool crawlHoldsDatabase;

    /// <summary>A crawler name the caller asked for; a different one than the stack's fails Last crawl, as a
    /// Glue crawler that does not exist does.</summary>
    public string? CrawlerName { get; init; }

    /// <summary>A DynamoDB table name the caller asked for (its lower-cased name is the catalog table checked);
    /// null: the stack's own.</summary>
    public string? TableName { get; init; }

    /// <summary>The stack's name once its settings are read (the folder's name before).</summary>
    public string StackName => settings?.StackName ?? Path.GetFileName(folder);

    private string Table => LocalCatalog.GlueTableName(TableName ?? settings!.TableName);

    private string Qualified => $"{LocalCatalog.GlueCatalog}.{LocalCatalog.GlueDatabase}.{Table}";

    private string Quoted => PowerShellQuote(folder);

    /// <summary>What re-creates the table: a crawl of the last source, or of a new one when it cannot be read again.</summary>
    private string CrawlFix => settings?.CrawlSource?.Kind is LocalCrawlSourceKind.File or LocalCrawlSourceKind.DynamoDB
        ? $"Start-KvsCrawler -Local {Quoted}"
        : $"Start-KvsCrawler -Local {Quoted} -Path <export file> (or pipe detections: New-KvsSampleDetection | Start-KvsCrawler -Local {Quoted})";

    /// <summary>Runs every check in order; later checks are skipped when what they read is unavailable.</summary>
    public async IAsyncEnumerable<KvsDiagnostic> RunAsync(bool skipQuery, TimeSpan queryTimeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stack = StackStatus();
        yield return stack;
        if (stack.Status == KvsDiagnosticStatus.Fail)
        {
            yield break;
        }

        var (file, lease) = OpenDatabase();
        yield return file;
        using (lease)
        {
            if (lease is not null || crawlHoldsDatabase)
            {
                foreach (var row in LastCrawl())
                {
                    yield return row;
                }
            }

            if (lease is null)
            {
                yield break;
            }

            var connection = lease.Connection;
            yield return Guard(DiagnosticCheck.GlueDatabase, LocalCatalog.GlueDatabase, () => GlueDatabase(connection));
            var tableExists = TableExists(connection);
            yield return tableExists ? Guard(DiagnosticCheck.DetectionsTable, Qualified, () => DetectionsTable(connection)) : MissingTable();
            yield return Guard(DiagnosticCheck.CatalogViews, Table, () => CatalogViews(connection, tableExists));
            yield return Guard(DiagnosticCheck.ConnectorCatalog, LocalCatalog.ConnectorCatalog, () => ConnectorCatalog(connection));
            if (tableExists)
            {
                yield return Guard(DiagnosticCheck.DataFreshness, Qualified, () => DataFreshness(connection, DateTimeOffset.UtcNow));
            }
        }

        yield return KvsDiagnostic.Pass(
            DiagnosticCheck.WorkGroup,
            settings!.WorkGroup,
            $"Workgroup {settings.WorkGroup}: the local engine returns rows directly, no S3 result location is needed.");
        if (!skipQuery)
        {
            yield return await SmokeQueryAsync(queryTimeout, cancellationToken);
        }
    }

    /// <summary>The folder holds a stack whose stack.json reads and is of a version this module understands.
    /// Fails with the ErrorId Get-KvsReportingStack -Local raises for the same folder.</summary>
    public KvsDiagnostic StackStatus()
    {
        const string Check = DiagnosticCheck.StackStatus;
        var create = $"New-KvsReportingStack -Local {Quoted}";
        if (File.Exists(folder))
        {
            return KvsDiagnostic.Fail(Check, folder, $"'{folder}' is a file, not a local stack folder.", "Give -Local the stack's folder.", "KvsGetStackNotFound");
        }

        if (!Directory.Exists(folder) || !LocalStackStore.IsStack(folder))
        {
            return KvsDiagnostic.Fail(
                Check,
                folder,
                Directory.Exists(folder) ? $"No local reporting stack in '{folder}' (no {LocalCatalog.SettingsFileName})." : $"The folder '{folder}' does not exist.",
                $"{create}, or check the path.",
                "KvsGetStackNotFound");
        }

        try
        {
            settings = new LocalStackStore().ReadSettings(folder);
        }
        catch (KvsErrorException ex)
        {
            var record = ex.ErrorRecord;
            return KvsDiagnostic.Fail(Check, folder, ex.Message, record.ErrorDetails?.RecommendedAction ?? create, record.FullyQualifiedErrorId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return KvsDiagnostic.Fail(Check, folder, $"Could not read {LocalCatalog.SettingsFileName}: {ex.Message}", "Give your account read access to the stack folder and its files.");
        }

        return KvsDiagnostic.Pass(Check, folder, $"CREATE_COMPLETE (local stack '{settings.StackName}' in {folder}, settings schema {settings.SchemaVersion} of {LocalStackSettings.CurrentSchemaVersion}).");
    }

    /// <summary>Opens the database; a lock held by another process, a missing or damaged file is a row that says so.</summary>
    public (KvsDiagnostic Row, LocalConnection? Lease) OpenDatabase()
    {
        const string Check = DiagnosticCheck.DatabaseFile;
        var file = Path.Combine(folder, LocalCatalog.DatabaseFileName);
        LocalConnection? lease = null;
        try
        {
            lease = LocalDatabase.Open(folder);
            var version = Scalar(lease.Connection, "SELECT version()");
            var size = KvsQueryExecution.FormatBytes(new FileInfo(file).Length);
            return (KvsDiagnostic.Pass(Check, file, $"Opens (DuckDB {version}, {size})."), lease);
        }
        catch (FileNotFoundException)
        {
            return (KvsDiagnostic.Fail(
                Check,
                file,
                $"The stack has settings but no database file {LocalCatalog.DatabaseFileName}.",
                $"Re-create the stack: Remove-KvsReportingStack -Local {Quoted}; New-KvsReportingStack -Local {Quoted}; then crawl again."), null);
        }
        catch (DuckDBException ex)
        {
            lease?.Dispose();
            return (Unopenable(file, ex), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lease?.Dispose();
            return (KvsDiagnostic.Fail(Check, file, $"Could not open: {ex.Message}", "Give your account read and write access to the stack folder."), null);
        }
    }

    private KvsDiagnostic Unopenable(string file, DuckDBException ex)
    {
        const string Check = DiagnosticCheck.DatabaseFile;
        var message = FirstLine(ex.Message);
        if (message.Contains("Could not set lock", StringComparison.Ordinal) || message.Contains("Conflicting lock", StringComparison.Ordinal))
        {
            var holder = LockHolder().Match(message) is { Success: true } m ? $"process {m.Groups["pid"].Value} ({Path.GetFileName(m.Groups["program"].Value.Trim())})" : "another process";
            crawlHoldsDatabase = CrawlIsRunning();
            if (crawlHoldsDatabase)
            {
                return KvsDiagnostic.Warn(Check, file, $"Held by {holder}: a crawl is running and holds the database until it ends.", $"Wait for it: Get-KvsCrawlerStatus -Local {Quoted} shows when it is READY.");
            }

            return KvsDiagnostic.Fail(
                Check,
                file,
                $"The database is open in {holder}; DuckDB lets one process hold the file.",
                "Close the other PowerShell session or DuckDB client that has the stack open (the module releases the file 3 s after its last command), then retry.",
                LocalQueryErrors.StackInUse);
        }

        return KvsDiagnostic.Fail(
            Check,
            file,
            $"DuckDB cannot open the file: {message}",
            $"The file is damaged or from an incompatible DuckDB. Re-create the stack (Remove-KvsReportingStack -Local {Quoted}; New-KvsReportingStack -Local {Quoted}) and crawl again.");
    }

    /// <summary>Whether a live crawl claims the stack (the crawler's own marker check: a stale marker of a
    /// process that is gone does not count). Never opens the database when a crawl runs elsewhere.</summary>
    private bool CrawlIsRunning()
    {
        try
        {
            return new LocalCrawler(folder).GetStatus().State == "RUNNING";
        }
        catch (Exception ex) when (ex is DuckDBException or KvsErrorException or IOException)
        {
            return false; // no live crawl: reading the log needed the database, which someone else holds
        }
    }

    /// <summary>The crawl log's last run, as Glue's LastCrawl (same statuses as on AWS), and what it skipped.</summary>
    public IEnumerable<KvsDiagnostic> LastCrawl()
    {
        const string Check = DiagnosticCheck.LastCrawl;
        var crawler = settings!.CrawlerName;
        if (CrawlerName is { } asked && !string.Equals(asked, crawler, StringComparison.OrdinalIgnoreCase))
        {
            return [KvsDiagnostic.Fail(Check, asked, $"The local stack has no crawler '{asked}'; its crawler is '{crawler}'.", $"Use -CrawlerName {crawler}, or leave it out for a local stack.", "KvsGetCrawlerNotFound")];
        }

        LocalCrawlerStatus status;
        try
        {
            status = new LocalCrawler(folder).GetStatus();
        }
        catch (Exception ex) when (ex is DuckDBException or KvsErrorException or IOException)
        {
            return [KvsDiagnostic.Fail(Check, crawler, "Could not read the crawl log: " + FirstLine(ex.Message), "See the Database file row.")];
        }

        if (status.State == "RUNNING")
        {
            return [KvsDiagnostic.Warn(Check, crawler, $"The crawler is RUNNING (since {status.CurrentCrawl?.StartTime:u}, from {status.CurrentCrawl?.Source}).", $"Wait for it: Get-KvsCrawlerStatus -Local {Quoted}.")];
        }

        var last = status.LastCrawl;
        var row = last?.Status switch
        {
            "SUCCEEDED" => KvsDiagnostic.Pass(Check, crawler, string.Create(CultureInfo.InvariantCulture, $"Succeeded {last.StartTime:u} from {last.Source}: read {last.RowsRead}, added {last.RowsAdded}, updated {last.RowsUpdated}, skipped {last.RowsSkipped}.")),
            "FAILED" => KvsDiagnostic.Fail(Check, crawler, $"Failed {last.StartTime:u}: {last.ErrorMessage}", $"Fix the cause (the source must be readable), then {CrawlFix}."),
            "CANCELLED" => KvsDiagnostic.Warn(Check, crawler, $"Cancelled {last.StartTime:u}.", CrawlFix),
            _ => KvsDiagnostic.Warn(Check, crawler, "The crawler has never run, so the detections table may not exist yet.", CrawlFix),
        };
        if (last is null)
        {
            return [row];
        }

        var skipped = last.RowsSkipped == 0
            ? KvsDiagnostic.Pass(DiagnosticCheck.CrawlSkipped, crawler, string.Create(CultureInfo.InvariantCulture, $"The last crawl skipped nothing ({last.RowsRead} read)."))
            : KvsDiagnostic.Warn(
                DiagnosticCheck.CrawlSkipped,
                crawler,
                string.Create(CultureInfo.InvariantCulture, $"The last crawl skipped {last.RowsSkipped} of {last.RowsRead} item(s): ") + string.Join(", ", last.SkippedReasons.OrderByDescending(r => r.Value).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} ({r.Value})"))) + ".",
                $"Repair those items in the source (Get-KvsCrawlerStatus -Local {Quoted} shows LastCrawl.SkippedReasons), then {CrawlFix}.");
        return [row, skipped];
    }

    private KvsDiagnostic GlueDatabase(DuckDBConnection connection)
    {
        var exists = Scalar(connection, "SELECT count(*) FROM duckdb_schemas() WHERE database_name = ? AND schema_name = ?", LocalCatalog.GlueCatalog, LocalCatalog.GlueDatabase);
        if (Convert.ToInt64(exists, CultureInfo.InvariantCulture) == 0)
        {
            return KvsDiagnostic.Fail(DiagnosticCheck.GlueDatabase, LocalCatalog.GlueDatabase, $"The catalog has no database {LocalCatalog.GlueDatabase}.", $"Re-create the stack: Remove-KvsReportingStack -Local {Quoted}; New-KvsReportingStack -Local {Quoted}.");
        }

        var tables = LocalDatabase.ListGlueTables(connection);
        return KvsDiagnostic.Pass(DiagnosticCheck.GlueDatabase, LocalCatalog.GlueDatabase, $"{LocalCatalog.GlueCatalog}.{LocalCatalog.GlueDatabase} ({tables.Count} table(s){(tables.Count > 0 ? ": " + string.Join(", ", tables) : string.Empty)}).");
    }

    private bool TableExists(DuckDBConnection connection)
    {
        try
        {
            return LocalDatabase.ListGlueTables(connection).Contains(Table, StringComparer.OrdinalIgnoreCase);
        }
        catch (DuckDBException)
        {
            return false; // reported by the Glue database row
        }
    }

    private KvsDiagnostic MissingTable() =>
        KvsDiagnostic.Fail(DiagnosticCheck.DetectionsTable, Qualified, $"{Qualified} is not in the catalog: the crawler has not created it, or it was dropped.", CrawlFix, LocalQueryErrors.TableNotFound);

    /// <summary>The columns as queries see them (the table itself), typed with Glue's names.</summary>
    private KvsDiagnostic DetectionsTable(DuckDBConnection connection)
    {
        var columns = new List<(string, string)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND schema_name = ? AND table_name = ? ORDER BY column_index";
            command.Parameters.Add(new DuckDBParameter(LocalCatalog.GlueCatalog));
            command.Parameters.Add(new DuckDBParameter(LocalCatalog.GlueDatabase));
            command.Parameters.Add(new DuckDBParameter(Table));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), GlueTypeOf(reader.GetString(1))));
            }
        }

        var rows = Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {Target()}"), CultureInfo.InvariantCulture);
        var fix = $"The table was changed outside the crawler. Drop it and crawl again: Invoke-KvsAthenaQuery -Local {Quoted} 'DROP TABLE {LocalCatalog.GlueDatabase}.{Table}'; {CrawlFix}";
        return DetectionTableShape.Evaluate(Qualified, columns, rows, fix);
    }

    /// <summary>Each Athena spelling of the table resolves: the Glue name, the seed's "default" and the connector's catalog.</summary>
    private KvsDiagnostic CatalogViews(DuckDBConnection connection, bool tableExists)
    {
        var spellings = new[]
        {
            $"{LocalCatalog.GlueDatabase}.{Table}",
            $"\"{LocalCatalog.ConnectorSchema}\".\"{Table}\"",
            $"\"{LocalCatalog.ConnectorCatalog}\".\"{LocalCatalog.ConnectorSchema}\".\"{Table}\"",
        };
        var broken = new List<string>();
        foreach (var name in spellings)
        {
            try
            {
                Scalar(connection, $"SELECT count(*) FROM (SELECT * FROM {name} LIMIT 0)");
            }
            catch (DuckDBException)
            {
                broken.Add(name);
            }
        }

        if (broken.Count == 0)
        {
            return KvsDiagnostic.Pass(DiagnosticCheck.CatalogViews, Table, "Resolve: " + string.Join(", ", spellings) + ".");
        }

        var fix = tableExists
            ? $"Re-create the seed's view: Invoke-KvsAthenaQuery -Local {Quoted} 'CREATE OR REPLACE VIEW \"{LocalCatalog.ConnectorSchema}\".\"{Table}\" AS SELECT * FROM {LocalCatalog.GlueDatabase}.{Table}', then open the stack again (the connector catalog is rebuilt on open)."
            : CrawlFix;
        return KvsDiagnostic.Fail(
            DiagnosticCheck.CatalogViews,
            Table,
            $"Do not resolve: {string.Join(", ", broken)}" + (tableExists ? "." : $" ({Qualified} is missing)."),
            fix,
            LocalQueryErrors.TableNotFound);
    }

    /// <summary>The connector's catalog (kvsworkshop) with its "default" schema: the local stand-in for the LAMBDA catalog.</summary>
    private KvsDiagnostic ConnectorCatalog(DuckDBConnection connection)
    {
        var exists = Scalar(connection, "SELECT count(*) FROM duckdb_schemas() WHERE database_name = ? AND schema_name = ?", LocalCatalog.ConnectorCatalog, LocalCatalog.ConnectorSchema);
        return Convert.ToInt64(exists, CultureInfo.InvariantCulture) > 0
            ? KvsDiagnostic.Pass(DiagnosticCheck.ConnectorCatalog, LocalCatalog.ConnectorCatalog, $"Embedded catalog {LocalCatalog.ConnectorCatalog} with schema \"{LocalCatalog.ConnectorSchema}\" (mirrors the DynamoDB connector).")
            : KvsDiagnostic.Fail(DiagnosticCheck.ConnectorCatalog, LocalCatalog.ConnectorCatalog, $"The embedded catalog {LocalCatalog.ConnectorCatalog} is not attached.", "Close every session using the stack and open it again (the catalog is rebuilt on open).");
    }

    /// <summary>The newest detection: a table that stopped growing means the crawler or the camera pipeline stopped.</summary>
    public KvsDiagnostic DataFreshness(DuckDBConnection connection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string Check = DiagnosticCheck.DataFreshness;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), CAST(max(\"timestamp\") AS VARCHAR) FROM {Target()}";
        using var reader = command.ExecuteReader();
        reader.Read();
        var rows = reader.GetInt64(0);
        var newestText = reader.IsDBNull(1) ? null : reader.GetString(1);
        if (rows == 0)
        {
            return KvsDiagnostic.Warn(Check, Qualified, "The table holds no detections.", $"Crawl a source that has detections: {CrawlFix}.");
        }

        if (!DetectionTimestamp.TryParse(newestText, out var newest, out _))
        {
            return KvsDiagnostic.Warn(Check, Qualified, string.Create(CultureInfo.InvariantCulture, $"{rows} detection(s), but no readable timestamp (newest text: '{newestText}')."), $"Check the source's timestamp attribute, then {CrawlFix}.");
        }

        var age = now - newest;
        var text = string.Create(CultureInfo.InvariantCulture, $"Newest detection {newest:yyyy-MM-ddTHH:mm:ss}Z ({Age(age)} old), {rows} detection(s).");
        return age <= FreshnessLimit
            ? KvsDiagnostic.Pass(Check, Qualified, text)
            : KvsDiagnostic.Warn(Check, Qualified, text + $" The crawler's schedule is daily, so newer data was expected.", $"Crawl the current data: {CrawlFix}.");
    }

    /// <summary>The seed's query, as written, through the same engine Invoke-KvsAthenaQuery -Local uses.</summary>
    public async Task<KvsDiagnostic> SmokeQueryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.SmokeQuery;
        var seed = SeedQuery.Replace("licenseplatedetections", Table, StringComparison.Ordinal);
        try
        {
            var engine = new LocalQueryEngine(folder);
            var rows = 0;
            IReadOnlyList<QueryColumn> columns = [];
            var started = DateTimeOffset.UtcNow;
            await foreach (var _ in engine.QueryAsync(new QueryRequest(seed) { Timeout = timeout }, c => columns = c, cancellationToken))
            {
                rows++;
            }

            var ms = (DateTimeOffset.UtcNow - started).TotalMilliseconds;
            return KvsDiagnostic.Pass(Check, folder, string.Create(CultureInfo.InvariantCulture, $"{seed} on the local engine succeeded ({rows} row(s), {columns.Count} column(s), {ms:0} ms)."));
        }
        catch (KvsErrorException ex) when (ex.ErrorRecord.FullyQualifiedErrorId == "KvsInvokeQueryTimeout")
        {
            return KvsDiagnostic.Warn(Check, folder, $"{seed} did not finish within {timeout.TotalSeconds:0} s and was stopped.", "Run it with Invoke-KvsAthenaQuery -Local to see how long it takes.");
        }
        catch (KvsErrorException ex)
        {
            var id = ex.ErrorRecord.FullyQualifiedErrorId;
            var fix = id == LocalQueryErrors.TableNotFound ? CrawlFix : ex.ErrorRecord.ErrorDetails?.RecommendedAction ?? "Read the reason; the rows above usually name the missing piece.";
            return KvsDiagnostic.Fail(Check, folder, $"{seed} failed: {ex.Message}", fix, id);
        }
    }

    private static KvsDiagnostic Guard(string check, string target, Func<KvsDiagnostic> run)
    {
        try
        {
            return run();
        }
        catch (DuckDBException ex)
        {
            return KvsDiagnostic.Fail(check, target, "Could not check: " + FirstLine(ex.Message), "See the detail; Get-KvsReportingStack -Local and Invoke-KvsAthenaQuery -Local report the same failure as an error.");
        }
    }

    private string Target() =>
        $"{LocalCatalog.Quote(LocalCatalog.GlueCatalog)}.{LocalCatalog.Quote(LocalCatalog.GlueDatabase)}.{LocalCatalog.Quote(Table)}";

    private static object? Scalar(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value));
        }

        return command.ExecuteScalar();
    }

    /// <summary>DuckDB's storage type as the Glue type the crawler records for it.</summary>
    private static string GlueTypeOf(string duckDbType) => duckDbType.ToUpperInvariant() switch
    {
        "VARCHAR" => "string",
        "DOUBLE" => "double",
        "BIGINT" => "bigint",
        "INTEGER" => "int",
        "BOOLEAN" => "boolean",
        "FLOAT" => "float",
        var other => other.ToLowerInvariant(),
    };

    private static string Age(TimeSpan age) =>
        age.TotalHours < 1 ? $"{Math.Max(0, age.TotalMinutes):0} min" : age.TotalDays < 2 ? $"{age.TotalHours:0.#} h" : $"{age.TotalDays:0.#} days";

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }

    private static string PowerShellQuote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"held in (?<program>.+?) \(PID (?<pid>\d+)\)")]
    private static partial Regex LockHolder();
}
