<#
.SYNOPSIS
    Runs every *.Tests.ps1 under tests/pester against the built module and writes NUnit XML, coverage and a
    counts file that build.ps1 adds to the xunit counts.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultsDirectory,
    [Parameter(Mandatory)] [string] $CountsFile,
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [string] $Tag
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:KVS_MODULE_MANIFEST = Join-Path $ModuleRoot 'KvsReporting.psd1'

$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'pester'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester.xml'
# Pester measures the module's PowerShell code (the loader script); C# coverage comes from xunit's collector.
$config.CodeCoverage.Enabled = $true
$config.CodeCoverage.Path = @(Join-Path $ModuleRoot 'KvsReporting.psm1')
$config.CodeCoverage.OutputFormat = 'JaCoCo'
$config.CodeCoverage.OutputPath = Join-Path $ResultsDirectory 'pester-coverage.xml'
if ($Tag) { $config.Filter.Tag = $Tag -split ',' }

$result = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath $CountsFile
