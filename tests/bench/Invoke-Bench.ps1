<#
.SYNOPSIS
    Runs the module's benchmarks: module import cost against pwsh's own start-up, then every
    tests/bench/*.Bench.ps1 (each prints `name: value unit (ratio vs alternative)` lines).
.PARAMETER ImportOnly
    Measures only the module import (quick check while working on import cost).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [Parameter(Mandatory)] [string] $RepoRoot,
    [int] $Repeat = 7,
    [switch] $ImportOnly
)
$ErrorActionPreference = 'Stop'
$ModuleRoot = (Resolve-Path $ModuleRoot).Path
$manifest = Join-Path $ModuleRoot 'KvsReporting.psd1'

function Get-Median([double[]] $Values) {
    ($Values | Sort-Object)[[int][math]::Floor($Values.Count / 2)]
}

function Measure-Run([scriptblock] $Action) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $Action
    $sw.Elapsed.TotalMilliseconds
}

Push-Location $RepoRoot
try {
    # warm the OS file cache once so neither side pays for the first disk read
    & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$manifest' -ErrorAction Stop; exit" | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Importing $manifest failed." }
    # Bare and importing runs alternate so that a change in machine load affects both sides alike.
    $bareTimes = [System.Collections.Generic.List[double]]::new()
    $importTimes = [System.Collections.Generic.List[double]]::new()
    $inProcessTimes = [System.Collections.Generic.List[double]]::new()
    # The importing run also reports the import's own duration measured inside the process, which process
    # start-up noise on a busy machine does not blur.
    $importCommand = "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; " +
        "`$sw.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture); exit"
    foreach ($i in 1..$Repeat) {
        $bareTimes.Add((Measure-Run { & dotnet pwsh -NoProfile -NonInteractive -Command 'exit' | Out-Null }))
        $reported = $null
        $importTimes.Add((Measure-Run { $script:reported = & dotnet pwsh -NoProfile -NonInteractive -Command $importCommand }))
        $inProcessTimes.Add([double]::Parse($reported, [cultureinfo]::InvariantCulture))
    }
    $bare = Get-Median $bareTimes
    $withImport = Get-Median $importTimes
}
finally { Pop-Location }

$added = $withImport - $bare
'{0}: {1:N0} ms (bare pwsh -NoProfile -c exit: {2:N0} ms; import adds {3:N0} ms = {4:P0} of start-up; goal < 500 ms and < 50%) {5}' -f `
    'module-import', $withImport, $bare, $added, ($added / $bare), ($(if ($added -lt 500 -and $added / $bare -lt 0.5) { 'PASS' } else { 'MISS' }))
'{0}: {1:N0} ms (median of {2} fresh sessions)' -f 'module-import-in-process', (Get-Median $inProcessTimes), $Repeat

if ($ImportOnly) { return }

foreach ($bench in Get-ChildItem (Join-Path $PSScriptRoot '*.Bench.ps1') | Sort-Object Name) {
    Write-Host "--- $($bench.BaseName)"
    & dotnet pwsh -NoProfile -NonInteractive -File $bench.FullName -ModuleRoot $ModuleRoot -RepoRoot $RepoRoot
    if ($LASTEXITCODE -ne 0) { Write-Warning "$($bench.Name) exited with $LASTEXITCODE" }
}
