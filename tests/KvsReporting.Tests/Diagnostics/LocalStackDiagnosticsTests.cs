using System.Diagnostics;
using System.Management.Automation;
using KvsReporting.Tests.Local;
using Xunit;

namespace KvsReporting.Tests.Diagnostics;

/// <summary>Test-KvsReportingStack -Local on real local stacks (DuckDB files in temp folders), through the built module.</summary>
[Collection("Serial")]
public sealed class LocalStackDiagnosticsTests : IDisposable
{
    /// <summary>A recent, realistic load: New-KvsSampleDetection over the last day, through a file so a re-crawl can read it again.</summary>
    private const string CrawlRecentFile = """
        $null = New-KvsReportingStack -Local $dir
        $file = Join-Path $root 'detections.jsonl'
        New-KvsSampleDetection -Count 400 -Seed 3 -Start ([DateTime]::UtcNow.AddDays(-1)) -End ([DateTime]::UtcNow.AddMinutes(-5)) |
            ForEach-Object { [ordered]@{ image_name = $_.ImageName; license_plate = $_.LicensePlate; confidence = $_.Confidence; bucket_name = $_.BucketName; timestamp = $_.Timestamp.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.ffffff') } | ConvertTo-Json -Compress } |
            Set-Content $file
        $null = Start-KvsCrawler -Local $dir -Path $file
        """;

    private readonly PowerShellSession session = new();
    private readonly TempStack temp = new(create: false);

    public LocalStackDiagnosticsTests() => session.Run(TempStack.NoIdleScript);

    private Dictionary<string, object?> Vars => new() { ["dir"] = temp.Folder, ["root"] = temp.Root };

    [Fact]
    public void A_healthy_piped_local_stack_passes_every_check_under_the_AWS_names_and_quiet_says_true()
    {
        var rows = Diagnose(CrawlRecentFile + "\nGet-KvsReportingStack -Local $dir | Test-KvsReportingStack");

        Assert.All(rows.Values, r => Assert.Equal("KvsReporting.Diagnostics.KvsDiagnostic", r.BaseObject.GetType().FullName));
        Assert.Equal(
            ["Stack status", "Database file", "Last crawl", "Crawl skipped items", "Glue database", "Detections table", "Catalog views", "Connector catalog", "Data freshness", "Workgroup result location", "Smoke query"],
            rows.Keys);
        Assert.All(rows.Values, r => Assert.True(Status(r) == "Pass", $"{r.Get("Check")}: {r.Get("Status")} {r.Get("Detail")}"));
        Assert.All(rows.Values, r => Assert.Equal("kvs-license-reporting", r.Get("StackName")));
        Assert.Contains("400 row(s)", Detail(rows["Detections table"]), StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM \"default\".\"licenseplatedetections\" limit 10", Detail(rows["Smoke query"]), StringComparison.Ordinal);
        Assert.Contains("10 row(s)", Detail(rows["Smoke query"]), StringComparison.Ordinal);

        var (quiet, errors) = session.Run("Test-KvsReportingStack -Local $dir -Quiet", Vars);
        Assert.Empty(errors);
        Assert.True((bool)Assert.Single(quiet).BaseObject);

        var (skipped, _) = session.Run("Test-KvsReportingStack -LocalPath $dir -SkipQuery | ForEach-Object Check", Vars);
        Assert.DoesNotContain("Smoke query", skipped.Select(o => (string)o.BaseObject));
    }

    [Fact]
    public void A_never_crawled_stack_warns_on_the_crawl_and_fails_the_table_and_query_with_the_crawl_as_fix()
    {
        var rows = Diagnose("$null = New-KvsReportingStack -Local $dir; Test-KvsReportingStack -Local $dir");

        Assert.Equal("Pass", Status(rows["Stack status"]));
        Assert.Equal("Warn", Status(rows["Last crawl"]));
        Assert.Contains("never run", Detail(rows["Last crawl"]), StringComparison.Ordinal);
        Assert.DoesNotContain("Crawl skipped items", rows.Keys);
        Assert.DoesNotContain("Data freshness", rows.Keys);
        Assert.Equal("Fail", Status(rows["Detections table"]));
        Assert.Equal("KvsInvokeQueryTableNotFound", rows["Detections table"].Get("ErrorId"));
        Assert.Equal("Fail", Status(rows["Smoke query"]));
        Assert.Equal("KvsInvokeQueryTableNotFound", rows["Smoke query"].Get("ErrorId"));
        foreach (var check in new[] { "Last crawl", "Detections table", "Smoke query" })
        {
            Assert.Contains($"Start-KvsCrawler -Local '{temp.Folder}'", (string)rows[check].Get("Fix")!, StringComparison.Ordinal);
        }

        var (quiet, _) = session.Run("Test-KvsReportingStack -Local $dir -Quiet", Vars);
        Assert.False((bool)Assert.Single(quiet).BaseObject);
    }

    [Fact]
    public void A_crawler_or_table_the_stack_does_not_have_fails_its_row_as_on_AWS_with_the_error_id_of_the_matching_cmdlet()
    {
        var rows = Diagnose("$null = New-KvsReportingStack -Local $dir; New-KvsSampleDetection -Count 20 -Seed 2 | Start-KvsCrawler -Local $dir | Out-Null; Get-KvsReportingStack -Local $dir | Test-KvsReportingStack -CrawlerName OtherCrawler -TableName OtherTable -SkipQuery");

        Assert.Equal("Fail", Status(rows["Last crawl"]));
        Assert.Contains("its crawler is 'LicensePlateDetectionsCrawler'", Detail(rows["Last crawl"]), StringComparison.Ordinal);
        var (_, statusErrors) = session.Run("Get-KvsCrawlerStatus -Local $dir -Name OtherCrawler -ErrorAction Continue", Vars);
        Assert.Equal(Assert.Single(statusErrors).FullyQualifiedErrorId.Split(',')[0], rows["Last crawl"].Get("ErrorId"));
        Assert.Equal("Fail", Status(rows["Detections table"]));
        Assert.Contains("AwsDataCatalog.kvsworkshop_db.othertable", Detail(rows["Detections table"]), StringComparison.Ordinal);

        var piped = Diagnose("Get-KvsReportingStack -Local $dir | Test-KvsReportingStack -SkipQuery");
        Assert.Equal("Pass", Status(piped["Last crawl"]));
        Assert.Equal("Pass", Status(piped["Detections table"]));
    }

    [Fact]
    public void A_missing_folder_is_one_failed_stack_row_with_the_error_id_Get_KvsReportingStack_raises()
    {
        var (output, errors) = session.Run("Test-KvsReportingStack -Local $dir", Vars);
        Assert.Empty(errors); // a diagnosis reports, it does not throw: the runbook's -Quiet gets $false
        var row = Assert.Single(output);
        Assert.Equal("Stack status", row.Get("Check"));
        Assert.Equal("Fail", Status(row));
        Assert.Equal(temp.Folder, row.Get("Target"));
        Assert.Contains($"New-KvsReportingStack -Local '{temp.Folder}'", (string)row.Get("Fix")!, StringComparison.Ordinal);

        var (_, getErrors) = session.Run("Get-KvsReportingStack -Local $dir -ErrorAction Continue", Vars);
        Assert.Equal(Assert.Single(getErrors).FullyQualifiedErrorId.Split(',')[0], row.Get("ErrorId"));

        var (quiet, quietErrors) = session.Run("Test-KvsReportingStack -Local $dir -Quiet", Vars);
        Assert.Empty(quietErrors);
        Assert.False((bool)Assert.Single(quiet).BaseObject);
    }

    [Fact]
    public void Settings_of_a_newer_module_fail_the_stack_row_with_the_same_error_id_as_Get()
    {
        session.Run("$null = New-KvsReportingStack -Local $dir", Vars);
        var settings = Path.Combine(temp.Folder, "stack.json");
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99", StringComparison.Ordinal));

        var rows = Diagnose("Test-KvsReportingStack -Local $dir");
        var row = Assert.Single(rows.Values);
        Assert.Equal("Fail", Status(row));
        var (_, getErrors) = session.Run("Get-KvsReportingStack -Local $dir -ErrorAction Continue", Vars);
        Assert.Equal("KvsGetStackUnsupportedVersion", row.Get("ErrorId"));
        Assert.StartsWith("KvsGetStackUnsupportedVersion", Assert.Single(getErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("Update the KvsReporting module.", row.Get("Fix"));
    }

    [Fact]
    public void Skipped_items_and_old_data_are_warnings_that_do_not_fail_the_stack()
    {
        var script = """
            $null = New-KvsReportingStack -Local $dir
            $file = Join-Path $root 'old.jsonl'
            New-KvsSampleDetection -Count 50 -Seed 4 -Start 2025-06-02 -End 2025-06-03 |
                ForEach-Object { [ordered]@{ image_name = $_.ImageName; license_plate = $_.LicensePlate; confidence = $_.Confidence; bucket_name = $_.BucketName; timestamp = $_.Timestamp.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.ffffff') } | ConvertTo-Json -Compress } |
                Set-Content $file
            Add-Content $file '{"license_plate":"NOKEY"}'
            $null = Start-KvsCrawler -Local $dir -Path $file -WarningAction SilentlyContinue
            Test-KvsReportingStack -Local $dir
            """;
        var rows = Diagnose(script);

        Assert.Equal("Warn", Status(rows["Crawl skipped items"]));
        Assert.Contains("skipped 1 of 51", Detail(rows["Crawl skipped items"]), StringComparison.Ordinal);
        Assert.Contains("image_name", Detail(rows["Crawl skipped items"]), StringComparison.Ordinal);
        Assert.Equal("Warn", Status(rows["Data freshness"]));
        Assert.Contains("Newest detection 2025-06-02T", Detail(rows["Data freshness"]), StringComparison.Ordinal);
        Assert.DoesNotContain(rows.Values, r => Status(r) == "Fail");
        var (quiet, _) = session.Run("Test-KvsReportingStack -Local $dir -Quiet", Vars);
        Assert.True((bool)Assert.Single(quiet).BaseObject);
    }

    [Fact]
    public void A_drifted_table_is_named_column_by_column_and_a_removed_one_is_fixed_by_the_crawl_the_row_names()
    {
        Diagnose(CrawlRecentFile);
        Assert.Empty(session.Run("Invoke-KvsAthenaQuery -Local $dir 'ALTER TABLE kvsworkshop_db.licenseplatedetections ALTER COLUMN confidence TYPE VARCHAR'", Vars).Errors);
        var retyped = Diagnose("Test-KvsReportingStack -Local $dir -SkipQuery");
        Assert.Equal("Warn", Status(retyped["Detections table"]));
        Assert.Contains("confidence is string (expected double)", Detail(retyped["Detections table"]), StringComparison.Ordinal);

        Assert.Empty(session.Run("Invoke-KvsAthenaQuery -Local $dir 'ALTER TABLE kvsworkshop_db.licenseplatedetections DROP COLUMN license_plate'", Vars).Errors);
        var dropped = Diagnose("Test-KvsReportingStack -Local $dir -SkipQuery");
        Assert.Equal("Fail", Status(dropped["Detections table"]));
        Assert.Contains("lacks column(s) license_plate", Detail(dropped["Detections table"]), StringComparison.Ordinal);

        Assert.Empty(session.Run("Invoke-KvsAthenaQuery -Local $dir 'DROP TABLE kvsworkshop_db.licenseplatedetections'", Vars).Errors);
        var removed = Diagnose("Test-KvsReportingStack -Local $dir");
        Assert.Equal("Fail", Status(removed["Detections table"]));
        Assert.Equal("Fail", Status(removed["Catalog views"]));
        Assert.Contains("\"default\".\"licenseplatedetections\"", Detail(removed["Catalog views"]), StringComparison.Ordinal);
        Assert.Equal("Fail", Status(removed["Smoke query"]));
        var fix = (string)removed["Detections table"].Get("Fix")!;
        Assert.Equal($"Start-KvsCrawler -Local '{temp.Folder}'", fix);

        var (_, fixErrors) = session.Run(fix + " | Out-Null", Vars);
        Assert.Empty(fixErrors);
        var healed = Diagnose("Test-KvsReportingStack -Local $dir");
        Assert.DoesNotContain(healed.Values, r => Status(r) != "Pass");
    }

    [Fact]
    public void A_database_held_by_another_process_fails_with_KvsLocalStackInUse_and_names_the_process()
    {
        session.Run("$null = New-KvsReportingStack -Local $dir", Vars);
        using var holder = new DatabaseHolder(temp.Folder);

        var rows = Diagnose("Test-KvsReportingStack -Local $dir");
        Assert.Equal(["Stack status", "Database file"], rows.Keys);
        var file = rows["Database file"];
        Assert.Equal("Fail", Status(file));
        Assert.Equal("KvsLocalStackInUse", file.Get("ErrorId"));
        Assert.Contains($"process {holder.Pid}", Detail(file), StringComparison.Ordinal);
        Assert.Contains("Close the other PowerShell session", (string)file.Get("Fix")!, StringComparison.Ordinal);

        var (quiet, errors) = session.Run("Test-KvsReportingStack -Local $dir -Quiet", Vars);
        Assert.Empty(errors);
        Assert.False((bool)Assert.Single(quiet).BaseObject);

        // A crawl marker of a process that is gone changes nothing: the lock is still someone else's.
        var marker = Path.Combine(temp.Folder, "crawler.running.json");
        File.WriteAllText(marker, $$"""{"RunId":"r1","Source":"file:/data/export.jsonl","StartTime":"{{DateTimeOffset.UtcNow:O}}","ProcessId":{{int.MaxValue - 7}},"Host":"{{Environment.MachineName}}"}""");
        Assert.Equal("Fail", Status(Diagnose("Test-KvsReportingStack -Local $dir")["Database file"]));

        // The same lock held by a running crawl is a wait, as a RUNNING Glue crawler is on AWS.
        File.WriteAllText(marker, $$"""{"RunId":"r1","Source":"file:/data/export.jsonl","StartTime":"{{DateTimeOffset.UtcNow:O}}","ProcessId":{{holder.Pid}},"Host":"{{Environment.MachineName}}"}""");
        var crawling = Diagnose("Test-KvsReportingStack -Local $dir");
        Assert.Equal("Warn", Status(crawling["Database file"]));
        Assert.Contains("a crawl is running", Detail(crawling["Database file"]), StringComparison.Ordinal);
        Assert.Equal("Warn", Status(crawling["Last crawl"]));
        Assert.Contains("RUNNING", Detail(crawling["Last crawl"]), StringComparison.Ordinal);
        var (waiting, _) = session.Run("Test-KvsReportingStack -Local $dir -Quiet", Vars);
        Assert.True((bool)Assert.Single(waiting).BaseObject);
        File.Delete(marker);
    }

    /// <summary>Rows by check name, in the order they came; the script must write no error.</summary>
    private Dictionary<string, PSObject> Diagnose(string script)
    {
        var (output, errors) = session.Run(script, Vars);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        var rows = new Dictionary<string, PSObject>(StringComparer.Ordinal);
        foreach (var row in output.Where(o => o?.BaseObject is not null && o.Properties["Check"] is not null))
        {
            rows.Add((string)row.Get("Check")!, row);
        }

        return rows;
    }

    private static string Status(PSObject row) => row.Get("Status")!.ToString()!;

    private static string Detail(PSObject row) => (string)row.Get("Detail")!;

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    /// <summary>A second pwsh that opens the stack and keeps the file (DuckDB's lock is per process) until disposed.</summary>
    private sealed class DatabaseHolder : IDisposable
    {
        private readonly Process process;

        public DatabaseHolder(string folder)
        {
            var script = $$"""
                Import-Module '{{TestEnvironment.ModuleManifest}}'
                [KvsReporting.Local.LocalDatabase]::IdleTimeout = [TimeSpan]::FromMinutes(5)
                $null = Invoke-KvsAthenaQuery -Local '{{folder}}' 'SELECT 1'
                "holding $PID"
                $null = [Console]::In.ReadLine()
                """;
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, WorkingDirectory = TestEnvironment.RepoRoot };
            foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script })
            {
                info.ArgumentList.Add(arg);
            }

            process = Process.Start(info)!;
            var line = process.StandardOutput.ReadLine();
            if (line is null || !line.StartsWith("holding ", StringComparison.Ordinal))
            {
                Dispose();
                throw new InvalidOperationException("The holding process did not open the stack: " + line);
            }

            Pid = int.Parse(line["holding ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The pwsh process that holds the lock.</summary>
        public int Pid { get; }

        public void Dispose()
        {
            try
            {
                process.StandardInput.WriteLine();
                if (!process.WaitForExit(10_000))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }
    }
}
