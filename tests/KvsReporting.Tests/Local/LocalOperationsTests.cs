using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;
using KvsReporting.Local;
using Xunit;

namespace KvsReporting.Tests.Local;

/// <summary>
/// Wait-KvsCrawler, Stop-KvsCrawler, Write-KvsDetection and Update-KvsReportingStack on a real local stack, through
/// a runspace with the built module: what a runbook sees must be what it sees on AWS.
/// </summary>
[Collection("Serial")]
public sealed class LocalOperationsTests : IDisposable
{
    private readonly PowerShellSession session = new();
    private readonly TempStack temp = new();

    public LocalOperationsTests() => session.Run(TempStack.NoIdleScript);

    private Dictionary<string, object?> Vars => new() { ["dir"] = temp.Folder, ["root"] = temp.Root };

    private (System.Collections.ObjectModel.Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script) => session.Run(script, Vars);

    [Fact]
    public void Written_detections_are_queryable_at_once_and_a_rewrite_adds_no_rows()
    {
        var (output, errors) = Run("""
            $first = New-KvsSampleDetection -Count 200 -Seed 3 -Start 2025-06-02 -End 2025-06-04 | Write-KvsDetection -Local $dir
            $count = (Get-KvsReportingStack -Local $dir | Invoke-KvsAthenaQuery -Query 'SELECT count(*) AS n FROM "default"."licenseplatedetections"').n
            $again = New-KvsSampleDetection -Count 200 -Seed 3 -Start 2025-06-02 -End 2025-06-04 | Write-KvsDetection -Local $dir
            $changed = New-KvsSampleDetection -Count 2 -Seed 3 -Start 2025-06-02 -End 2025-06-04 | Select-Object -First 1 | ForEach-Object { $_.LicensePlate = 'ZZZ-999'; $_ } | Write-KvsDetection -Local $dir
            $found = @(Get-KvsReportingStack -Local $dir | Get-KvsDetection -LicensePlate 'ZZZ-999')
            $status = Get-KvsCrawlerStatus -Local $dir
            [pscustomobject]@{ First = $first; Count = $count; Again = $again; Changed = $changed; Found = $found.Count; FoundType = $found[0].GetType().FullName; Total = (Invoke-KvsAthenaQuery -Local $dir -Query 'SELECT count(*) AS n FROM licenseplatedetections').n; LastCrawl = $status.LastCrawlStatus }
            """);
        Assert.Empty(errors);
        var r = output.Single();
        Assert.Equal("KvsReporting.Detections.KvsDetectionWriteResult", PSObject.AsPSObject(r.Get("First")).BaseObject.GetType().FullName);
        Assert.Equal("LicensePlateDetections", r.Get("First.TableName"));
        Assert.Equal(200L, r.Get("First.Written"));
        Assert.Equal(200L, r.Get("First.Added"));
        Assert.Equal(temp.Folder, r.Get("First.LocalPath"));
        Assert.Equal(200L, r.Get("Count"));
        Assert.Equal(0L, r.Get("Again.Added"));
        Assert.Equal(200L, r.Get("Again.Unchanged"));
        Assert.Equal(1L, r.Get("Changed.Updated"));
        Assert.Equal(1, r.Get("Found"));
        Assert.Equal("KvsReporting.Detections.LicensePlateDetection", r.Get("FoundType"));
        Assert.Equal(200L, r.Get("Total"));
        Assert.Null(r.Get("LastCrawl")); // a write is no crawl
    }

    [Fact]
    public void Written_table_has_the_columns_types_and_rows_a_crawl_of_the_same_detections_gives()
    {
        using var crawled = new TempStack();
        var vars = Vars;
        vars["other"] = crawled.Folder;
        var (_, errors) = session.Run(
            """
            $sample = New-KvsSampleDetection -Count 300 -Seed 8 -Start 2025-06-02 -End 2025-06-09
            $sample | Start-KvsCrawler -Local $other | Out-Null
            $sample | Write-KvsDetection -Local $dir | Out-Null
            """,
            vars);
        Assert.Empty(errors);

        const string Sql = "SELECT * FROM \"AwsDataCatalog\".\"kvsworkshop_db\".\"licenseplatedetections\" ORDER BY image_name";
        var fromCrawl = crawled.Query(Sql);
        var fromWrite = temp.Query(Sql);
        Assert.Equal(fromCrawl.Columns.Select(c => $"{c.Name}:{c.AthenaType}"), fromWrite.Columns.Select(c => $"{c.Name}:{c.AthenaType}"));
        Assert.Equal(300, fromWrite.Rows.Count);
        Assert.Equal(fromCrawl.Rows.Select(r => string.Join("|", r)), fromWrite.Rows.Select(r => string.Join("|", r)));

        const string GlueTypes = "SELECT column_name, glue_type FROM \"AwsDataCatalog\".kvs_internal.columns ORDER BY position";
        Assert.Equal(crawled.Query(GlueTypes).Rows.Select(r => string.Join(":", r)), temp.Query(GlueTypes).Rows.Select(r => string.Join(":", r)));
        Assert.Single(temp.Query("SELECT * FROM \"kvsworkshop\".\"default\".\"licenseplatedetections\" LIMIT 1").Rows);
    }

    [Fact]
    public void Writing_into_a_crawled_table_with_extra_columns_keeps_its_schema()
    {
        var file = temp.File("extra.jsonl");
        File.WriteAllLines(file, ["""{"image_name":"cam/a.jpg","license_plate":"ABC-123","confidence":91.5,"bucket_name":"b","timestamp":"2025-06-02T10:00:00.000000","lane":3}"""]);
        new LocalCrawler(temp.Folder).CrawlFile(file, null, CancellationToken.None);
        var (output, errors) = Run("New-KvsSampleDetection -Count 5 -Seed 2 | Write-KvsDetection -Local $dir | ForEach-Object Added");
        Assert.Empty(errors);
        Assert.Equal(5L, output.Single().BaseObject);
        var rows = temp.Query("SELECT count(*), count(lane) FROM licenseplatedetections").Rows.Single();
        Assert.Equal(6L, rows[0]);
        Assert.Equal(1L, rows[1]);
    }

    [Fact]
    public void Write_WhatIf_writes_nothing_and_mistakes_give_the_errors_the_DynamoDB_path_gives()
    {
        var (_, whatIfErrors) = Run("New-KvsSampleDetection -Count 10 | Write-KvsDetection -Local $dir -WhatIf");
        Assert.Empty(whatIfErrors);
        Assert.Empty(temp.Query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'kvsworkshop_db'").Rows);

        var (_, wrongTable) = Run("New-KvsSampleDetection -Count 2 | Write-KvsDetection -Local $dir -TableName Elsewhere");
        var error = Assert.Single(wrongTable);
        Assert.StartsWith("KvsWriteDetectionTableNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Elsewhere", error.TargetObject);
        Assert.Contains("LicensePlateDetections", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);

        var (_, keyless) = Run("New-KvsSampleDetection -Count 2 | ForEach-Object { $_.ImageName = ''; $_ } | Write-KvsDetection -Local $dir");
        Assert.StartsWith("KvsWriteDetectionFailed", Assert.Single(keyless).FullyQualifiedErrorId, StringComparison.Ordinal);

        var (ok, okErrors) = Run("New-KvsSampleDetection -Count 2 | Write-KvsDetection -Local $dir -TableName LicensePlateDetections | ForEach-Object Added");
        Assert.Empty(okErrors);
        Assert.Equal(2L, ok.Single().BaseObject);
    }

    [Fact]
    public void A_crawl_after_writing_into_a_fresh_stack_succeeds_without_a_warning()
    {
        var (output, errors) = Run("""
            New-KvsSampleDetection -Count 20 | Write-KvsDetection -Local $dir | Out-Null
            $s = Get-KvsReportingStack -Local $dir | Start-KvsCrawler -Wait -WarningVariable warned -WarningAction SilentlyContinue
            [pscustomobject]@{ Status = $s.LastCrawlStatus; Warned = $warned.Count; Target = "$($s.Targets)" }
            """);
        Assert.Empty(errors);
        var r = output.Single();
        Assert.Equal("SUCCEEDED", r.Get("Status"));
        Assert.Equal(0, r.Get("Warned"));
        Assert.Equal("Local:LicensePlateDetections", r.Get("Target"));
    }

    [Fact]
    public void Wait_returns_the_status_Get_reports_at_once_and_a_foreign_name_is_not_found()
    {
        temp.CrawlSample(50);
        var sw = Stopwatch.StartNew();
        var (output, errors) = Run("""
            $stack = Get-KvsReportingStack -Local $dir
            $waited = $stack | Wait-KvsCrawler
            $got = $stack | Get-KvsCrawlerStatus
            [pscustomobject]@{ Waited = $waited; Type = $waited.GetType().FullName; Same = ($waited.LastCrawl.RunId -eq $got.LastCrawl.RunId) }
            """);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        Assert.Empty(errors);
        var r = output.Single();
        Assert.Equal("KvsReporting.Crawler.KvsCrawlerStatus", r.Get("Type"));
        Assert.Equal("READY", r.Get("Waited.State"));
        Assert.Equal("SUCCEEDED", r.Get("Waited.LastCrawlStatus"));
        Assert.Equal(50L, r.Get("Waited.LastCrawl.RowsAdded"));
        Assert.Equal(true, r.Get("Same"));

        var (named, namedErrors) = Run("Wait-KvsCrawler -Local $dir -Name NoSuchCrawler, LicensePlateDetectionsCrawler -ErrorAction Continue");
        var error = Assert.Single(namedErrors);
        Assert.StartsWith("KvsWaitCrawlerNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal); // the AWS id for Glue's EntityNotFound
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("NoSuchCrawler", error.TargetObject);
        Assert.Equal("LicensePlateDetectionsCrawler", Assert.Single(named).Get("CrawlerName"));
    }

    [Fact]
    public void Wait_and_Stop_need_a_crawler_or_a_stack()
    {
        var (_, waitErrors) = Run("Wait-KvsCrawler");
        Assert.StartsWith("KvsWaitCrawlerNoTarget", Assert.Single(waitErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
        var (_, stopErrors) = Run("Stop-KvsCrawler");
        Assert.StartsWith("KvsStopCrawlerNoTarget", Assert.Single(stopErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_reports_a_failed_last_crawl_as_the_AWS_path_does()
    {
        using (var session = new LocalCrawler(temp.Folder).Begin("dynamodb:Plates"))
        {
            session.Fail("AccessDeniedException: User is not authorized to perform dynamodb:Scan");
        }

        var (_, errors) = Run("Get-KvsReportingStack -Local $dir | Wait-KvsCrawler");
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsCrawlerFailedAccessDenied", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("dynamodb:Scan", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("CloudWatch", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_warns_that_nothing_runs_and_returns_the_status_like_Glue_CrawlerNotRunning()
    {
        temp.CrawlSample(10);
        var (output, errors) = Run("""
            $s = Get-KvsReportingStack -Local $dir | Stop-KvsCrawler -WarningVariable warned -WarningAction SilentlyContinue
            $w = Get-KvsReportingStack -Local $dir | Stop-KvsCrawler -Wait -WarningAction SilentlyContinue
            $whatIf = @(Stop-KvsCrawler -Local $dir -WhatIf -WarningVariable whatIfWarned -WarningAction SilentlyContinue)
            [pscustomobject]@{ State = $s.State; Warned = "$warned"; Waited = $w.LastCrawlStatus; WhatIf = $whatIf.Count; WhatIfWarned = $whatIfWarned.Count }
            """);
        Assert.Empty(errors);
        var r = output.Single();
        Assert.Equal("READY", r.Get("State"));
        Assert.Equal("Crawler 'LicensePlateDetectionsCrawler' is not running; nothing to stop.", r.Get("Warned"));
        Assert.Equal("SUCCEEDED", r.Get("Waited"));
        Assert.Equal(0, r.Get("WhatIf"));
        Assert.Equal(0, r.Get("WhatIfWarned"));

        var (_, nameErrors) = Run("Stop-KvsCrawler -Local $dir -Name Other");
        Assert.StartsWith("KvsStopCrawlerNotFound", Assert.Single(nameErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crawl_running_in_another_process_is_waited_for_and_blocks_stop_write_and_update()
    {
        using var other = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var marker = JsonSerializer.Serialize(new { RunId = "r1", Source = "file:/x", StartTime = DateTimeOffset.UtcNow, ProcessId = other.Id, Host = Environment.MachineName });
            File.WriteAllText(Path.Combine(temp.Folder, LocalCrawler.RunningMarkerFileName), marker);

            var sw = Stopwatch.StartNew();
            var (_, waitErrors) = Run("Wait-KvsCrawler -Local $dir -Timeout 1");
            var timeout = Assert.Single(waitErrors);
            Assert.StartsWith("KvsWaitCrawlerTimeout", timeout.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.OperationTimeout, timeout.CategoryInfo.Category);
            Assert.InRange(sw.Elapsed.TotalSeconds, 0.9, 10);

            var (_, stopErrors) = Run("Stop-KvsCrawler -Local $dir -Confirm:$false");
            Assert.StartsWith("KvsStopCrawlerRunningElsewhere", Assert.Single(stopErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
            var (_, writeErrors) = Run("New-KvsSampleDetection -Count 1 | Write-KvsDetection -Local $dir");
            Assert.StartsWith("KvsWriteDetectionCrawlerRunning", Assert.Single(writeErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
            var (_, updateErrors) = Run("Update-KvsReportingStack -Local $dir -CrawlerSchedule '' -Confirm:$false");
            Assert.StartsWith("KvsUpdateStackCrawlerRunning", Assert.Single(updateErrors).FullyQualifiedErrorId, StringComparison.Ordinal);

            // the crawl ends: the wait returns
            other.Kill();
            other.WaitForExit();
            var (done, doneErrors) = Run("Wait-KvsCrawler -Local $dir -Timeout 10 | ForEach-Object State");
            Assert.Empty(doneErrors);
            Assert.Equal("READY", done.Single().BaseObject);
        }
        finally
        {
            if (!other.HasExited)
            {
                other.Kill();
            }
        }
    }

    [Fact]
    public void Update_changes_the_settings_returns_the_stack_and_the_crawler_reports_them()
    {
        var (output, errors) = Run("""
            $stack = Get-KvsReportingStack -Local $dir
            $updated = $stack | Update-KvsReportingStack -CrawlerSchedule 'cron(0 6 * * ? *)' -CrawlerName NightCrawler -Confirm:$false
            $status = $updated | Get-KvsCrawlerStatus
            $same = $updated | Update-KvsReportingStack -Schedule 'cron(0 6 * * ? *)' -Confirm:$false
            $onDemand = Update-KvsReportingStack -Local $dir -CrawlerSchedule '' -Confirm:$false | Get-KvsCrawlerStatus
            [pscustomobject]@{ Updated = $updated; Type = $updated.GetType().FullName; Status = $status; Same = $same.CrawlerName; OnDemand = $onDemand.ScheduleExpression }
            """);
        Assert.Empty(errors);
        var r = output.Single();
        Assert.Equal("KvsReporting.Stack.KvsReportingStack", r.Get("Type"));
        Assert.Equal("NightCrawler", r.Get("Updated.CrawlerName"));
        Assert.Equal("Local", r.Get("Updated.Kind")!.ToString());
        Assert.Equal("NightCrawler", r.Get("Status.CrawlerName"));
        Assert.Equal("cron(0 6 * * ? *)", r.Get("Status.ScheduleExpression"));
        Assert.Equal("at 06:00 UTC every day", r.Get("Status.ScheduleDescription"));
        Assert.Equal("NightCrawler", r.Get("Same"));
        Assert.Null(r.Get("OnDemand"));
        var saved = new LocalStackStore().ReadSettings(temp.Folder);
        Assert.Equal("NightCrawler", saved.CrawlerName);
        Assert.Equal(string.Empty, saved.Schedule);
    }

    [Fact]
    public void Update_WhatIf_lists_the_changes_and_changes_nothing()
    {
        var before = File.ReadAllText(Path.Combine(temp.Folder, "stack.json"));
        var (output, errors) = Run("Get-KvsReportingStack -Local $dir | Update-KvsReportingStack -TableName Plates2 -CrawlerSchedule 'cron(0 6 * * ? *)' -WhatIf -Verbose 4>&1 | ForEach-Object { \"$_\" }");
        Assert.Empty(errors);
        var lines = output.Select(o => o.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("Change: Modify TableName: 'LicensePlateDetections' -> 'Plates2'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Modify CrawlerSchedule: 'cron(0 0 * * ? *)' -> 'cron(0 6 * * ? *)'", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllText(Path.Combine(temp.Folder, "stack.json")));
    }

    [Fact]
    public void Update_of_the_table_retargets_the_crawler_and_the_next_crawl_catalogs_the_new_table()
    {
        var file = temp.File("d.jsonl");
        File.WriteAllLines(file, ["""{"image_name":"cam/a.jpg","license_plate":"ABC-123","confidence":91.5,"bucket_name":"b","timestamp":"2025-06-02T10:00:00.000000"}"""]);
        new LocalCrawler(temp.Folder).CrawlFile(file, null, CancellationToken.None);
        var (output, errors) = Run("""
            $s = Update-KvsReportingStack -Local $dir -TableName Plates2 -Confirm:$false
            $c = $s | Start-KvsCrawler -Wait
            [pscustomobject]@{ Table = $s.TableName; Glue = $s.Outputs.GlueTableName; Created = $c.TablesCreated; Rows = (Invoke-KvsAthenaQuery -Local $dir -Query 'SELECT count(*) AS n FROM "default"."plates2"').n }
            """);
        Assert.Empty(errors);
        var r = output.Single();
        Assert.Equal("Plates2", r.Get("Table"));
        Assert.Equal("plates2", r.Get("Glue"));
        Assert.Equal(1, r.Get("Created"));
        Assert.Equal(1L, r.Get("Rows"));
        Assert.Single(temp.Query("SELECT * FROM licenseplatedetections").Rows); // what the old table held stays
    }

    [Theory]
    [InlineData("-Tag @{ team = 'ops' }", "KvsUpdateStackParameterNotLocal", "Tag")]
    [InlineData("-CrawlerSchedule 'every day'", "KvsUpdateStackInvalidCrawlerSchedule", "every day")]
    [InlineData("-TableName 'a b'", "KvsUpdateStackInvalidTableName", "a b")]
    [InlineData("-CrawlerName 'bad/name'", "KvsUpdateStackInvalidCrawlerName", "bad/name")]
    [InlineData("-StackName other-stack", "KvsUpdateStackNotFound", "other-stack")]
    public void Update_mistakes_are_specific_errors_and_change_nothing(string arguments, string errorId, string target)
    {
        var before = File.ReadAllText(Path.Combine(temp.Folder, "stack.json"));
        var (_, errors) = Run($"Update-KvsReportingStack -Local $dir {arguments} -Confirm:$false");
        var error = Assert.Single(errors);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(target, error.TargetObject);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
        Assert.Equal(errorId == "KvsUpdateStackNotFound" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(before, File.ReadAllText(Path.Combine(temp.Folder, "stack.json")));
    }

    [Fact]
    public void Update_of_a_folder_without_a_stack_is_not_found_as_on_AWS()
    {
        var (_, errors) = Run("Update-KvsReportingStack -Local (Join-Path $root nothing) -CrawlerSchedule '' -Confirm:$false");
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsUpdateStackNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }
}
