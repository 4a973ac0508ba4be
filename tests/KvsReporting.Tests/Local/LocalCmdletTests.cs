using System.Management.Automation;
using Xunit;

namespace KvsReporting.Tests.Local;

/// <summary>The -Local cmdlets through a real runspace with the built module.</summary>
[Collection("Serial")]
public sealed class LocalCmdletTests : IDisposable
{
    private readonly PowerShellSession session = new();
    private readonly TempStack temp = new(create: false);

    public LocalCmdletTests() => session.Run(TempStack.NoIdleScript);

    private Dictionary<string, object?> Vars => new() { ["dir"] = temp.Folder, ["root"] = temp.Root };

    [Fact]
    public void New_Get_Remove_round_trip_through_the_pipeline()
    {
        var (created, errors) = session.Run("New-KvsReportingStack -Local $dir -StackName lab", Vars);
        Assert.Empty(errors);
        var stack = created.Single();
        Assert.Equal("Local", stack.Get("Kind")!.ToString());
        Assert.Equal("lab", stack.Get("StackName"));

        var (again, againErrors) = session.Run("New-KvsReportingStack -Local $dir -StackName lab | ForEach-Object CreationTime", Vars);
        Assert.Empty(againErrors);
        Assert.Equal(stack.Get("CreationTime"), again.Single().BaseObject);

        var (whatIf, _) = session.Run("Get-KvsReportingStack -Local $dir | Remove-KvsReportingStack -WhatIf; Test-Path (Join-Path $dir stack.json)", Vars);
        Assert.True((bool)whatIf.Single().BaseObject, "-WhatIf must not delete");

        var (_, removeErrors) = session.Run("Get-KvsReportingStack -Local $dir | Remove-KvsReportingStack -Confirm:$false", Vars);
        Assert.Empty(removeErrors);
        Assert.False(Directory.Exists(temp.Folder));
    }

    [Fact]
    public void Get_of_a_missing_stack_is_a_typed_error_on_the_folder()
    {
        var (_, errors) = session.Run("Get-KvsReportingStack -Local $dir -ErrorAction Continue", Vars);
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsGetStackNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(temp.Folder, error.TargetObject);
    }

    [Fact]
    public void Remove_asks_for_confirmation_because_it_is_destructive()
    {
        var (output, _) = session.Run("(Get-Command Remove-KvsReportingStack).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact");
        Assert.Equal(ConfirmImpact.High, (ConfirmImpact)output.Single().BaseObject);
    }

    [Fact]
    public void Sample_detections_piped_into_the_crawler_are_catalogued_and_a_recrawl_of_a_file_is_incremental()
    {
        var script = """
            $null = New-KvsReportingStack -Local $dir
            $file = Join-Path $root 'detections.jsonl'
            New-KvsSampleDetection -Count 300 -Seed 5 -Start 2025-06-02 -End 2025-06-03 |
                ForEach-Object { [ordered]@{ image_name = $_.ImageName; license_plate = $_.LicensePlate; confidence = $_.Confidence; bucket_name = $_.BucketName; timestamp = $_.Timestamp.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.ffffff') } | ConvertTo-Json -Compress } |
                Set-Content $file
            $first = Start-KvsCrawler -Local $dir -Path $file -Wait
            Add-Content $file '{"license_plate":"NOKEY"}'
            $second = Get-KvsReportingStack -Local $dir | Start-KvsCrawler -Wait -WarningVariable warned -WarningAction SilentlyContinue
            $piped = New-KvsSampleDetection -Count 50 -Seed 6 -Start 2025-06-04 -End 2025-06-05 | Start-KvsCrawler -Local $dir
            [pscustomobject]@{ First = $first; Second = $second; Piped = $piped; Warned = "$warned" }
            """;
        var (output, errors) = session.Run(script, Vars);
        Assert.Empty(errors);
        var result = output.Single();

        Assert.Equal("READY", result.Get("First.State"));
        Assert.Equal(300L, result.Get("First.LastCrawl.RowsAdded"));
        Assert.Equal(0L, result.Get("Second.LastCrawl.RowsAdded"));
        Assert.Equal(300L, result.Get("Second.LastCrawl.RowsUnchanged"));
        Assert.Equal(1L, result.Get("Second.LastCrawl.RowsSkipped"));
        Assert.Contains("missing image_name", (string)result.Get("Warned")!, StringComparison.Ordinal);
        Assert.Equal(50L, result.Get("Piped.LastCrawl.RowsAdded"));
        Assert.Equal("objects", result.Get("Piped.LastCrawl.Source"));
    }

    [Fact]
    public void A_crawl_without_any_source_yet_says_how_to_give_one()
    {
        var (_, errors) = session.Run("$null = New-KvsReportingStack -Local $dir; Start-KvsCrawler -Local $dir", Vars);
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsStartCrawlerNoSource", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("-Path", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void New_KvsSampleDetection_is_reproducible_through_the_cmdlet()
    {
        var (a, _) = session.Run("New-KvsSampleDetection -Count 20 -Seed 9 -Start 2025-06-02 -End 2025-06-03 -Camera lot-a | ForEach-Object ImageName");
        var (b, _) = session.Run("New-KvsSampleDetection -Count 20 -Seed 9 -Start 2025-06-02 -End 2025-06-03 -Camera lot-a | ForEach-Object ImageName");
        Assert.Equal(20, a.Count);
        Assert.Equal(a.Select(o => o.BaseObject), b.Select(o => o.BaseObject));
        Assert.All(a, o => Assert.StartsWith("lot-a/2025/06/02/", (string)o.BaseObject, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }
}
