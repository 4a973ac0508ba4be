<#
.SYNOPSIS
    Builds the module's external help: docs/help/*.md + the cmdlets' binding facts -> en-US/KvsReporting.dll-Help.xml
    and en-US/about_*.help.txt in the built module folder.
.DESCRIPTION
    1. tools/Export-CommandMetadata.ps1 runs in a fresh pwsh, imports the built module and writes every exported
       cmdlet's parameters, sets, pipeline binding, defaults and output types as JSON.
    2. tools/KvsReporting.HelpBuilder (Markdig) merges that with the markdown and writes MAML and about topics.
    The result is cached under -CacheDirectory, keyed by a hash of every input, so an unchanged Build only
    copies four files. PowerShell finds the MAML in <ModuleBase>/en-US for cmdlets loaded from bin/lib through
    the isolated load context (the module base of the psm1 is the cmdlets' module base).
#>
param(
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [Parameter(Mandatory)] [string] $CacheDirectory,
    [string] $Configuration = 'Release',
    [switch] $Strict
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repoRoot = Split-Path $PSScriptRoot
$builder = Join-Path $PSScriptRoot "KvsReporting.HelpBuilder/bin/$Configuration/net10.0/KvsReporting.HelpBuilder.dll"
if (-not (Test-Path $builder)) { throw "Help builder not built: $builder (dotnet build KvsReporting.sln builds it)." }

$manifest = Join-Path $ModuleRoot 'KvsReporting.psd1'
$inputs = @(Get-ChildItem $Source -File -Recurse) + @(
    Get-Item (Join-Path $ModuleRoot 'bin/lib/KvsReporting.dll'), $manifest, $builder,
    (Join-Path $PSScriptRoot 'Export-CommandMetadata.ps1'), $PSCommandPath)
$hasher = [System.Security.Cryptography.IncrementalHash]::CreateHash('SHA256')
foreach ($file in $inputs | Sort-Object FullName) {
    $hasher.AppendData([Text.Encoding]::UTF8.GetBytes($file.FullName.Substring($repoRoot.Length) + "`n"))
    $hasher.AppendData([IO.File]::ReadAllBytes($file.FullName))
}
$key = [Convert]::ToHexString($hasher.GetHashAndReset())
$stamp = Join-Path $CacheDirectory 'inputs.sha256'
$cachedHelp = Join-Path $CacheDirectory 'en-US'
$destination = Join-Path $ModuleRoot 'en-US'

if (-not ((Test-Path $stamp) -and (Get-Content -Raw $stamp).Trim() -eq $key -and (Test-Path $cachedHelp))) {
    if (Test-Path $CacheDirectory) { Remove-Item $CacheDirectory -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $cachedHelp | Out-Null
    $metadata = Join-Path $CacheDirectory 'commands.json'
    Push-Location $repoRoot
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Export-CommandMetadata.ps1') -ManifestPath $manifest -OutFile $metadata | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Export-CommandMetadata failed with exit code $LASTEXITCODE." }
        $builderArgs = @($builder, '--metadata', $metadata, '--source', $Source, '--output', $cachedHelp)
        if ($Strict) { $builderArgs += '--strict' }
        & dotnet @builderArgs 2>&1 | ForEach-Object { "$_" } | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "The help builder failed with exit code $LASTEXITCODE." }
    }
    finally { Pop-Location }
    Set-Content -LiteralPath $stamp -Value $key
}
else {
    Write-Host 'help: unchanged, copied from cache'
}

New-Item -ItemType Directory -Force -Path $destination | Out-Null
Copy-Item (Join-Path $cachedHelp '*') $destination -Force
