#Requires -Version 7.4
<#
.SYNOPSIS
    Write-KvsDetection -Local: detections written into a local stack per second, against a crawl of the same
    detection objects (Start-KvsCrawler -Local), which goes through the same merge; and a second write of the
    same detections (all unchanged: the upsert's compare cost).
.DESCRIPTION
    The detections are passed with -InputObject so both sides measure the engine, not PowerShell's pipeline.
    Each side runs on a fresh stack in a temporary folder, removed afterwards. Prints lines
    "name: value unit (ratio ...)".
#>
param(
    [string] $ModuleRoot = $(if ($env:KVS_MODULE_MANIFEST) { Split-Path $env:KVS_MODULE_MANIFEST } else { (Get-ChildItem (Join-Path $PSScriptRoot '../../output/KvsReporting') -Directory | Sort-Object Name | Select-Object -Last 1).FullName }),
    [int] $Count = 200000
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path (Resolve-Path -LiteralPath $ModuleRoot).Path 'KvsReporting.psd1') -Force

$root = Join-Path ([IO.Path]::GetTempPath()) ("kvs-bench-write-" + [guid]::NewGuid().ToString('N'))
try {
    $detections = New-KvsSampleDetection -Count $Count -Seed 5 -Start 2025-06-01 -End 2025-06-08
    $crawlStack = New-KvsReportingStack -Local (Join-Path $root 'crawl')
    $writeStack = New-KvsReportingStack -Local (Join-Path $root 'write')

    $crawl = Measure-Command { Start-KvsCrawler -Local $crawlStack.LocalPath -InputObject $detections | Out-Null }
    $write = Measure-Command { $script:result = Write-KvsDetection -Local $writeStack.LocalPath -InputObject $detections -Confirm:$false }
    if ($result.Added -ne $Count) { throw "expected $Count rows added, got $($result.Added)" }
    $again = Measure-Command { $script:second = Write-KvsDetection -Local $writeStack.LocalPath -InputObject $detections -Confirm:$false }
    if ($second.Unchanged -ne $Count) { throw "expected $Count rows unchanged, got $($second.Unchanged)" }

    $k = $Count / 1000
    '{0}: {1:0} rows/s ({2:0.00} s for {3}k; ratio {4:0.00}x vs crawl of the same objects, {5:0.00} s)' -f 'local write detections', ($Count / $write.TotalSeconds), $write.TotalSeconds, $k, ($write.TotalSeconds / $crawl.TotalSeconds), $crawl.TotalSeconds
    '{0}: {1:0} rows/s ({2:0.00} s for {3}k unchanged; ratio {4:0.00}x vs first write)' -f 'local rewrite same detections', ($Count / $again.TotalSeconds), $again.TotalSeconds, $k, ($again.TotalSeconds / $write.TotalSeconds)
}
finally {
    [KvsReporting.Local.LocalDatabase]::IdleTimeout = [TimeSpan]::Zero
    foreach ($dir in 'crawl', 'write') {
        Remove-KvsReportingStack -Local (Join-Path $root $dir) -Confirm:$false -ErrorAction SilentlyContinue
    }
    Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
}
