using System.Management.Automation;
using System.Text.Json;
using KvsReporting.Errors;
using KvsReporting.Stack;

namespace KvsReporting.Local;

/// <summary>
/// Creates, opens and removes local reporting stacks: a folder holding the embedded database
/// (<c>kvsreporting.duckdb</c>) and its settings (<c>stack.json</c>). Paths must already be resolved to
/// file-system paths (cmdlets resolve PowerShell paths first).
/// </summary>
public sealed class LocalStackStore
{
    /// <summary>Creates a stack, or returns the existing one when the folder already holds a stack with the
    /// same settings. <paramref name="created"/> tells which happened.</summary>
    public KvsReportingStack Create(string path, LocalStackSettings settings, out bool created)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = Full(path);
        created = false;
        if (File.Exists(folder))
        {
            throw KvsErrors.Terminating(
                $"'{folder}' is a file; a local stack needs a folder.",
                "KvsNewStackPathIsFile",
                ErrorCategory.InvalidArgument,
                folder,
                "Give -Local a folder path (it is created when missing).");
        }

        if (IsStack(folder))
        {
            var existing = ReadSettings(folder);
            if (existing.SameStackAs(settings))
            {
                return ToStack(folder, existing);
            }

            throw KvsErrors.Terminating(
                $"'{folder}' already holds the local stack '{existing.StackName}' with other settings (table {existing.TableName}, crawler {existing.CrawlerName}).",
                "KvsNewStackAlreadyExists",
                ErrorCategory.ResourceExists,
                folder,
                "Use Get-KvsReportingStack -Local to open it, Remove-KvsReportingStack to replace it, or choose another folder.");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw KvsErrors.Terminating(
                $"'{folder}' is not empty and is not a local stack; a stack is only created in a new or empty folder.",
                "KvsNewStackFolderNotEmpty",
                ErrorCategory.ResourceExists,
                folder,
                "Choose a new or empty folder for the local stack.");
        }

        Directory.CreateDirectory(folder);
        var stamped = settings with { CreationTime = DateTimeOffset.UtcNow, SchemaVersion = LocalStackSettings.CurrentSchemaVersion };
        using (LocalDatabase.Open(folder, create: true))
        {
            // creating the file lays out the catalog schemas and the crawl log
        }

        WriteSettings(folder, stamped);
        created = true;
        return ToStack(folder, stamped);
    }

    /// <summary>Opens the stack in <paramref name="path"/>.</summary>
    public KvsReportingStack Open(string path)
    {
        var folder = Full(path);
        if (!IsStack(folder))
        {
            throw NotFound(folder, "KvsGetStackNotFound");
        }

        return ToStack(folder, ReadSettings(folder));
    }

    /// <summary>Whether <paramref name="path"/> holds a local stack.</summary>
    public static bool IsStack(string path) =>
        File.Exists(Path.Combine(Full(path), LocalCatalog.SettingsFileName));

    public LocalStackSettings ReadSettings(string path)
    {
        var file = Path.Combine(Full(path), LocalCatalog.SettingsFileName);
        LocalStackSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<LocalStackSettings>(File.ReadAllText(file), LocalStackSettings.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw KvsErrors.Terminating($"The stack settings '{file}' are not valid: {ex.Message}", "KvsGetStackInvalidSettings", ErrorCategory.InvalidData, file, "Repair stack.json or recreate the stack.", ex);
        }
        catch (FileNotFoundException)
        {
            throw NotFound(Full(path), "KvsGetStackNotFound");
        }

        if (settings is null)
        {
            throw KvsErrors.Terminating($"The stack settings '{file}' are empty.", "KvsGetStackInvalidSettings", ErrorCategory.InvalidData, file, "Recreate the stack.");
        }

        if (settings.SchemaVersion > LocalStackSettings.CurrentSchemaVersion)
        {
            throw KvsErrors.Terminating(
                $"The stack in '{Full(path)}' was created by a newer KvsReporting (schema {settings.SchemaVersion}).",
                "KvsGetStackUnsupportedVersion",
                ErrorCategory.InvalidData,
                Full(path),
                "Update the KvsReporting module.");
        }

        return settings;
    }

    /// <summary>Writes the settings atomically (a crash never leaves a half-written stack.json).</summary>
    public void WriteSettings(string path, LocalStackSettings settings)
    {
        var file = Path.Combine(Full(path), LocalCatalog.SettingsFileName);
        var temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(settings, LocalStackSettings.JsonOptions));
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>Deletes what the stack owns (its database, write-ahead log, settings and query history) and the folder when
    /// nothing else is left in it. Returns the deleted paths.</summary>
    public IReadOnlyList<string> Remove(string path)
    {
        var folder = Full(path);
        if (!IsStack(folder))
        {
            throw NotFound(folder, "KvsRemoveStackNotFound");
        }

        LocalDatabase.CloseIdle(folder);
        if (LocalDatabase.IsInUse(folder))
        {
            throw KvsErrors.Terminating(
                $"The local stack in '{folder}' is in use by a running command in this session.",
                "KvsRemoveStackInUse",
                ErrorCategory.ResourceBusy,
                folder,
                "Wait for the running query or crawl to finish, then remove the stack.");
        }

        ProbeNotLockedElsewhere(folder);
        LocalDatabase.CloseIdle(folder); // the probe's instance must not outlive the files
        var removed = new List<string>();
        foreach (var name in new[] { LocalCatalog.DatabaseFileName, LocalCatalog.DatabaseFileName + ".wal", LocalCatalog.SettingsFileName, LocalCatalog.SettingsFileName + ".tmp", LocalCrawler.RunningMarkerFileName }.Concat(LocalQueryHistory.FileNames))
        {
            var file = Path.Combine(folder, name);
            if (File.Exists(file))
            {
                File.Delete(file);
                removed.Add(file);
            }
        }

        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            removed.Add(folder);
        }

        return removed;
    }

    internal static KvsReportingStack ToStack(string folder, LocalStackSettings settings)
    {
        var file = Path.Combine(folder, LocalCatalog.DatabaseFileName);
        var table = LocalCatalog.GlueTableName(settings.TableName);
        return new KvsReportingStack
        {
            Kind = KvsStackKind.Local,
            StackName = settings.StackName,
            StackId = "local:" + folder,
            Status = "CREATE_COMPLETE",
            LocalPath = folder,
            TableName = settings.TableName,
            CrawlerName = settings.CrawlerName,
            WorkGroup = settings.WorkGroup,
            GlueDatabase = LocalCatalog.GlueDatabase,
            Catalog = LocalCatalog.GlueCatalog,
            Database = LocalCatalog.GlueDatabase,
            CreationTime = settings.CreationTime,
            LastUpdatedTime = File.Exists(file) ? new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero) : null,
            Outputs = new Dictionary<string, string>
            {
                ["GlueDatabaseName"] = LocalCatalog.GlueDatabase,
                ["CrawlerName"] = settings.CrawlerName,
                ["WorkGroupName"] = settings.WorkGroup,
                ["GlueTableName"] = table,
                ["CrawlerSchedule"] = settings.Schedule,
                ["DatabaseFile"] = file,
            },
        };
    }

    private static void ProbeNotLockedElsewhere(string folder)
    {
        try
        {
            using (LocalDatabase.Open(folder))
            {
            }
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            throw LocalQueryErrors.FromDuckDb(ex, folder);
        }
        catch (FileNotFoundException)
        {
            // settings without a database: nothing holds it
        }
    }

    private static KvsErrorException NotFound(string folder, string errorId) =>
        KvsErrors.Terminating(
            $"No local reporting stack was found in '{folder}'.",
            errorId,
            ErrorCategory.ObjectNotFound,
            folder,
            "Create one with New-KvsReportingStack -Local <folder>, or check the path.");

    private static string Full(string path) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path))));
}
