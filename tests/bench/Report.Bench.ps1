#Requires -Version 7.4
<#
.SYNOPSIS
    Bench: Export-KvsReport over 1,000,000 detections on a local stack (goal: at most 10 s), against the
    alternative of computing the same summaries in PowerShell (Import-Csv + Group-Object).
.DESCRIPTION
    The local stack with the detections is built once (a deterministic CSV crawled by Start-KvsCrawler) and cached
    under .cache/bench/, so a re-run only measures the report. The alternative is measured in the same run on a
    smaller sample of the same rows and extrapolated linearly to the full count (Group-Object's cost grows at
    least linearly with the rows, so the extrapolation flatters the alternative); the output says so.
    Prints lines "name: value unit (ratio ...)".
#>
param(
    [string] $ModuleRoot = $(if ($env:KVS_MODULE_MANIFEST) { Split-Path $env:KVS_MODULE_MANIFEST } else { (Get-ChildItem (Join-Path $PSScriptRoot '../../output/KvsReporting') -Directory | Sort-Object Name | Select-Object -Last 1).FullName }),
    [string] $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
    [int] $Count = 1000000,
    [int] $SampleCount = 10000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModuleRoot 'KvsReporting.psd1') -Force

$cache = Join-Path $RepoRoot ".cache/bench/report-$Count"
$stackPath = Join-Path $cache 'stack'
$csv = Join-Path $cache 'detections.csv'
$outDir = Join-Path $RepoRoot 'output/bench'
New-Item -ItemType Directory -Force -Path $cache, $outDir | Out-Null

# Deterministic detections shaped like the table (busy daytime hours, repeat visitors, 80-100 confidence).
if (-not ('KvsBench.DetectionCsv' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Globalization;
using System.IO;
namespace KvsBench {
    public static class DetectionCsv {
        public static void Write(string path, int count, int seed) {
            var random = new Random(seed);
            var cameras = new[] { "gate-north", "gate-south", "parking-a", "loading-dock" };
            var start = new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc);
            using var w = new StreamWriter(path);
            w.WriteLine("image_name,license_plate,confidence,bucket_name,timestamp");
            for (var i = 0; i < count; i++) {
                var hour = random.NextDouble() < 0.7 ? 7 + (int)(12 * (random.NextDouble() + random.NextDouble()) / 2) : random.Next(24);
                var t = start.AddDays(random.Next(28)).AddHours(hour).AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerHour) / 10 * 10);
                var cam = cameras[random.Next(cameras.Length)];
                var p = (int)(5000 * Math.Pow(random.NextDouble(), 2.5));
                var plate = $"{(char)('A' + p % 26)}{(char)('A' + p / 26 % 26)}{(char)('K' + p % 7)}-{1000 + p * 37 % 9000}";
                var confidence = Math.Min(99.99, Math.Round(80 + 20 * Math.Sqrt(random.NextDouble()), 2));
                w.Write(cam); w.Write('/'); w.Write(t.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture)); w.Write('/');
                w.Write(cam); w.Write('-'); w.Write(t.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)); w.Write('-'); w.Write(i); w.Write(".jpg,");
                w.Write(plate); w.Write(',');
                w.Write(confidence.ToString("0.00", CultureInfo.InvariantCulture)); w.Write(",kvs-frames,");
                w.WriteLine(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
            }
        }
    }
}
'@
}

function Get-StackDetectionCount {
    if (-not (Test-Path (Join-Path $stackPath 'stack.json'))) { return 0 }
    (Get-KvsDetectionSummary -Local $stackPath -By Camera | Measure-Object Detections -Sum).Sum
}

if ((Get-StackDetectionCount) -ne $Count) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    if (Test-Path $stackPath) { Remove-KvsReportingStack -Local $stackPath -Confirm:$false -ErrorAction SilentlyContinue; Remove-Item $stackPath -Recurse -Force -ErrorAction SilentlyContinue }
    [KvsBench.DetectionCsv]::Write($csv, $Count, 42)
    $null = New-KvsReportingStack -Local $stackPath
    $null = Start-KvsCrawler -Local $stackPath -Path $csv
    $loaded = Get-StackDetectionCount
    if ($loaded -ne $Count) { throw "The bench stack holds $loaded detections instead of $Count." }
    Write-Host ("report.prepare: {0:0.0} s (one-time: generate and crawl {1:N0} detections; cached in {2})" -f $sw.Elapsed.TotalSeconds, $Count, $cache)
}

# Warm-up: the first use in a process loads DuckDB and opens the database; a user's second report pays neither.
$null = Get-KvsDetectionSummary -Local $stackPath -By Camera

$reportPath = Join-Path $outDir 'report-1m.html'
$process = [Diagnostics.Process]::GetCurrentProcess()
$cpuBefore = $process.TotalProcessorTime
$sw = [Diagnostics.Stopwatch]::StartNew()
$report = Export-KvsReport -Local $stackPath -Path $reportPath -Title "Bench: $('{0:N0}' -f $Count) detections"
$reportSeconds = $sw.Elapsed.TotalSeconds
$process.Refresh()
$reportCpu = ($process.TotalProcessorTime - $cpuBefore).TotalSeconds

# The alternative, same run: the report's summaries computed in PowerShell from the rows, on a sample.
$sample = Get-Content -LiteralPath $csv -TotalCount ($SampleCount + 1)
$sw.Restart()
$rows = $sample | ConvertFrom-Csv | ForEach-Object {
    $t = [datetime]::Parse($_.timestamp, [cultureinfo]::InvariantCulture)
    [pscustomobject]@{ Plate = $_.license_plate; Confidence = [double] $_.confidence; Time = $t; Camera = $_.image_name.Split('/')[0] }
}
$null = $rows | Group-Object { $_.Time.ToString('yyyy-MM-dd') } | ForEach-Object { $_.Group | Measure-Object Confidence -Average -Minimum -Maximum }
$null = $rows | Group-Object { $_.Time.Hour } | ForEach-Object { $_.Group | Measure-Object Confidence -Average }
$null = $rows | Group-Object { $_.Time.DayOfWeek } | ForEach-Object { $_.Group | Measure-Object Confidence -Average }
$null = $rows | Group-Object Plate | Sort-Object Count -Descending | Select-Object -First 20
$null = $rows | Group-Object Camera | ForEach-Object { ($_.Group.Plate | Sort-Object -Unique).Count }
$null = $rows | Group-Object { [math]::Min([math]::Floor($_.Confidence), 99) }
$null = $rows | Sort-Object Time -Descending | Select-Object -First 1000
$alternativeSample = $sw.Elapsed.TotalSeconds
$alternative = $alternativeSample * $Count / $SampleCount

$goal = if ($reportSeconds -le 10) { 'within' } else { 'OVER' }
Write-Host ("report.export_{0}: {1:0.00} s (ratio {2:0.0}x vs Import-Csv + Group-Object in PowerShell; {3} the 10 s goal)" -f $Count, $reportSeconds, ($alternative / $reportSeconds), $goal)
Write-Host ("report.export_cpu: {0:0.00} s (CPU time of all engine threads; wall time on an idle machine is about this divided by the cores, {1}; load average now {2})" -f $reportCpu, [Environment]::ProcessorCount, $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0] } else { 'n/a' }))
Write-Host ("report.alternative_groupobject_{0}: {1:0.0} s (measured {2:0.00} s on {3:N0} rows in this run, extrapolated linearly)" -f $Count, $alternative, $alternativeSample, $SampleCount)
Write-Host ("report.file_size: {0:N0} KB (ratio {1:0.0}x smaller than the CSV of all rows)" -f [math]::Ceiling($report.Length / 1KB), ((Get-Item $csv).Length / $report.Length))
