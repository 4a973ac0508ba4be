#Requires -Version 7.4
<#
.SYNOPSIS
    The main job on one machine, no AWS account: a local reporting stack, sample detections, a crawl, the
    seed's query, summaries and the HTML report, with timings.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo
.EXAMPLE
    ./tools/Invoke-Demo.ps1 -ModuleRoot ./output/KvsReporting/0.2.0 -OutputRoot ./output -Count 20000
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [Parameter(Mandatory)] [string] $OutputRoot,
    [int] $Count = 100000,
    [int] $Seed = 2025
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModuleRoot = (Resolve-Path -LiteralPath $ModuleRoot).Path
$OutputRoot = [IO.Path]::GetFullPath($OutputRoot, (Get-Location).Path)
Import-Module (Join-Path $ModuleRoot 'KvsReporting.psd1') -Force

$timings = [System.Collections.Generic.List[object]]::new()
function Step([string] $Name, [scriptblock] $Action) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $result = & $Action
    $timings.Add([pscustomobject]@{ Step = $Name; Seconds = [math]::Round($sw.Elapsed.TotalSeconds, 2) })
    $result
}

$stackPath = Join-Path $OutputRoot 'demo/stack'
if (Test-Path (Join-Path $stackPath 'stack.json')) {
    Get-KvsReportingStack -Local $stackPath | Remove-KvsReportingStack -Confirm:$false
}

Write-Host "`n== A local reporting stack (no AWS account needed)" -ForegroundColor Cyan
$stack = Step 'New-KvsReportingStack -Local' { New-KvsReportingStack -Local $stackPath }
$stack | Format-Table | Out-String -Width 200 | Out-Host

Write-Host "== $Count sample detections (seed $Seed), crawled into the embedded catalog" -ForegroundColor Cyan
# One fixed week keeps the demo's numbers the same on every machine and every day.
$detections = Step "New-KvsSampleDetection -Count $Count" {
    New-KvsSampleDetection -Count $Count -Seed $Seed -Start '2025-06-02' -End '2025-06-09'
}
$crawler = Step 'Start-KvsCrawler -Local (pipeline objects)' { Start-KvsCrawler -Local $stackPath -InputObject $detections -Wait }
$crawler | Format-Table | Out-String -Width 200 | Out-Host

Write-Host '== The seed''s query: SELECT * FROM "default"."licenseplatedetections" limit 10;' -ForegroundColor Cyan
$rows = Step 'seed query' { $stack | Invoke-KvsAthenaQuery -Query 'SELECT * FROM "default"."licenseplatedetections" limit 10;' }
$rows | Format-Table -AutoSize | Out-String -Width 200 | Out-Host

Write-Host '== Busiest plates per hour (Athena SQL, unchanged)' -ForegroundColor Cyan
$summarySql = @'
SELECT license_plate,
       date_trunc('hour', from_iso8601_timestamp("timestamp")) AS hour,
       count(*) AS detections,
       round(avg(confidence), 2) AS avg_confidence
FROM "kvsworkshop"."default"."licenseplatedetections"
GROUP BY 1, 2
ORDER BY detections DESC, hour, license_plate
LIMIT 10
'@
$summary = Step 'summary per plate per hour' { $stack | Invoke-KvsAthenaQuery -Query $summarySql }
$summary | Format-Table -AutoSize | Out-Host

Write-Host '== Traffic by hour of day (Get-KvsDetectionSummary -By Hour)' -ForegroundColor Cyan
$byHour = Step 'Get-KvsDetectionSummary -By Hour' { $stack | Get-KvsDetectionSummary -By Hour }
$byHour | Format-Table -AutoSize | Out-Host

Write-Host '== Top plates (Get-KvsDetectionSummary -By Plate -Top 5)' -ForegroundColor Cyan
$top = Step 'Get-KvsDetectionSummary -By Plate -Top 5' { $stack | Get-KvsDetectionSummary -By Plate -Top 5 }
$top | Format-Table -AutoSize | Out-Host

Write-Host '== The HTML report (Export-KvsReport)' -ForegroundColor Cyan
$reportPath = Join-Path $OutputRoot 'demo/kvs-report.html'
$report = Step 'Export-KvsReport' { $stack | Export-KvsReport -Path $reportPath -Title 'KVS license plates: demo week' }
$report | Format-List | Out-Host

Write-Host '== Timings' -ForegroundColor Cyan
$timings | Format-Table -AutoSize | Out-Host
Write-Host "Report:      $($report.Path)  (one self-contained file; open it in any browser)"
Write-Host "Local stack: $stackPath"
Write-Host "Open it again with: Get-KvsReportingStack -Local '$stackPath'"
