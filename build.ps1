#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, benchmarks, demonstrates and packages KvsReporting.
.DESCRIPTION
    Tasks:
      Build    an importable module folder under output/KvsReporting/<version>/
      Test     Build, install and start the test rig (moto with IAM auth, AWS service models, headless
               chromium for the report's browser tests), run xunit and
               Pester against the built module, print one line "N passed, N failed, N skipped"
      Bench    Build, then print the benchmarks with ratios against the alternatives
      Demo     Build, then run the main job on the embedded engine (no AWS account needed)
      Package  Build, then write a .nupkg that PSResourceGet can publish, under output/package
    Every task installs what it needs itself and is quick when re-run.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Bench', 'Demo', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tag filter for quick local runs; CI runs everything.
    [string[]] $PesterTag,

    # xunit filter expression (dotnet test --filter) for quick local runs.
    [string] $XunitFilter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$outputRoot = Join-Path $root 'output'
$manifestSource = Join-Path $root 'KvsReporting.psd1'
$version = (Import-PowerShellDataFile $manifestSource).ModuleVersion
$moduleOut = Join-Path $outputRoot "KvsReporting/$version"
$testResults = Join-Path $outputRoot 'TestResults'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments, [switch] $AllowFailure, [switch] $Quiet)
    Write-Verbose "$File $($Arguments -join ' ')"
    if ($Quiet) { & $File @Arguments | Out-Null } else { & $File @Arguments | Out-Host }
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) {
        throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
    $LASTEXITCODE
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

function Get-PesterModulePath {
    $toolsProject = Join-Path $root 'tests/tools/tools.csproj'
    $pesterVersion = ([xml](Get-Content -Raw $toolsProject)).Project.ItemGroup.PackageDownload |
        Where-Object Include -EQ 'Pester' | ForEach-Object { $_.Version.Trim('[', ']') }
    $path = Join-Path (Get-NuGetPackageRoot) "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) {
        Invoke-Native dotnet @('restore', $toolsProject, '--verbosity', 'quiet') | Out-Null
    }
    if (-not (Test-Path $path)) { throw "Pester $pesterVersion was not found at $path after restore." }
    $path
}

# Chart.js is fetched from npm at build time (pinned, cached in .cache/npm) and copied into the module's
# assets/ folder, from where Export-KvsReport inlines it into each HTML report. It is MIT-licensed; its licence
# file travels with it into assets/.
$chartJsVersion = '4.6.1'

function Install-ChartJs {
    $cache = Join-Path $root ".cache/npm/chart.js-$chartJsVersion"
    $dist = Join-Path $cache 'package/dist/chart.umd.min.js'
    if (-not (Test-Path $dist)) {
        New-Item -ItemType Directory -Force -Path $cache | Out-Null
        Push-Location $cache
        try {
            Invoke-Native npm @('pack', "chart.js@$chartJsVersion", '--silent', '--pack-destination', $cache) | Out-Null
            Invoke-Native tar @('-xzf', (Join-Path $cache "chart.js-$chartJsVersion.tgz"), '-C', $cache) | Out-Null
        }
        finally { Pop-Location }
        if (-not (Test-Path $dist)) { throw "npm pack chart.js@$chartJsVersion did not produce $dist." }
    }
    $cache
}

function Invoke-Build {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $staging = Join-Path $outputRoot 'obj'
    $libOut = Join-Path $moduleOut 'bin/lib'
    Invoke-Native dotnet @('build', (Join-Path $root 'KvsReporting.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly') | Out-Null

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $libOut | Out-Null

    # The real module and all its dependencies (with runtimes/<rid>/native for DuckDB) go to bin/lib.
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/KvsReporting/KvsReporting.csproj'), '-c', $Configuration,
        '--no-build', '-o', $libOut, '--nologo', '-v', 'quiet') | Out-Null
    Get-ChildItem $libOut -Filter '*.pdb' | Remove-Item -Force
    Get-ChildItem $libOut -Filter 'System.Management.Automation*.dll' | Remove-Item -Force

    $shimBin = Join-Path $root "src/KvsReporting.LoadContext/bin/$Configuration/net8.0/KvsReporting.LoadContext.dll"
    Copy-Item $shimBin (Join-Path $moduleOut 'bin')

    $chartJs = Install-ChartJs
    $assets = Join-Path $moduleOut 'assets'
    New-Item -ItemType Directory -Force -Path $assets | Out-Null
    Copy-Item (Join-Path $chartJs 'package/dist/chart.umd.min.js') $assets
    Copy-Item (Join-Path $chartJs 'package/LICENSE.md') (Join-Path $assets 'chart.js.LICENSE.md')

    Copy-Item $manifestSource $moduleOut
    Copy-Item (Join-Path $root 'src/Module/*') $moduleOut -Recurse
    # External help (MAML + about topics) from docs/help, merged with the cmdlets' real binding facts; cached.
    & (Join-Path $root 'tools/Build-Help.ps1') -Source (Join-Path $root 'docs/help') -ModuleRoot $moduleOut `
        -CacheDirectory (Join-Path $staging 'help') -Configuration $Configuration
    if (Test-Path (Join-Path $root 'CHANGELOG.md')) { Copy-Item (Join-Path $root 'CHANGELOG.md') $moduleOut }
    if (Test-Path (Join-Path $root 'LICENSE')) { Copy-Item (Join-Path $root 'LICENSE') $moduleOut }
    Write-AwsOperationsDoc
    Write-Host "Built KvsReporting $version in $([math]::Round($sw.Elapsed.TotalSeconds, 1)) s -> $moduleOut"
}

function Get-BotocoreDataPath {
    foreach ($dir in @($env:KVS_RIG_DIR, (Join-Path $root '.cache/moto'))) {
        if ($dir -and (Test-Path (Join-Path $dir 'site/botocore/data'))) { return (Join-Path $dir 'site/botocore/data') }
    }
    $null
}

# docs/aws-operations.md: every AWS operation the module can send, checked against botocore's service models by
# tools/AwsConformance (the xunit ConformanceTests run the same check and fail the Test task on any problem).
function Write-AwsOperationsDoc {
    $data = Get-BotocoreDataPath
    if (-not $data) {
        Write-Host 'docs/aws-operations.md not refreshed: the botocore models are not installed yet (Test installs them; or bash tests/rig/install-moto.sh).'
        return
    }
    $tool = Join-Path $root "tools/AwsConformance/bin/$Configuration/net10.0/AwsConformance.dll"
    $exit = Invoke-Native dotnet @($tool, '--botocore', $data, '--out', (Join-Path $root 'docs/aws-operations.md'),
        '--fixtures', (Join-Path $root 'tests/KvsReporting.Tests/Aws/Fixtures')) -AllowFailure
    if ($exit -ne 0) { Write-Warning 'AWS conformance problems: see docs/aws-operations.md' }
}

function Start-TestRig {
    $rigDir = Join-Path $root '.cache/moto'
    $rigOut = Join-Path $outputRoot 'rig'
    New-Item -ItemType Directory -Force -Path $rigOut | Out-Null
    $null = Invoke-Native bash @((Join-Path $root 'tests/rig/install-moto.sh'), $rigDir)
    $env:KVS_RIG_DIR = $rigDir
    $motoJson = Join-Path $rigOut 'moto.json'
    # start-moto.sh prints the connection JSON (with the emulator's test keys); keep it out of the log
    Invoke-Native bash @((Join-Path $root 'tests/rig/start-moto.sh'), $motoJson) -Quiet | Out-Null
    $motoJson
}

function Stop-TestRig([string] $MotoJson) {
    if ($MotoJson -and (Test-Path $MotoJson)) {
        Invoke-Native bash @((Join-Path $root 'tests/rig/stop-moto.sh'), $MotoJson) -AllowFailure | Out-Null
    }
}

function Read-XunitCounts([string] $Path) {
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (-not (Test-Path $Path)) { return $counts }
    [xml] $doc = Get-Content -Raw $Path
    foreach ($assembly in $doc.assemblies.assembly) {
        # attributes read explicitly: <assembly errors="0"> also has an <errors/> child element
        $counts.Passed += [int] $assembly.GetAttribute('passed')
        $counts.Failed += [int] $assembly.GetAttribute('failed') + [int] $assembly.GetAttribute('errors')
        $counts.Skipped += [int] $assembly.GetAttribute('skipped')
    }
    $counts
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $testResults | Out-Null
    $pester = Get-PesterModulePath
    $motoJson = $null
    $xunit = @{ Passed = 0; Failed = 0; Skipped = 0 }
    $pesterCounts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    $failures = [System.Collections.Generic.List[string]]::new()
    try {
        # Headless chromium for the HTML report's browser tests (apt-get only when it is missing).
        Invoke-Native bash @((Join-Path $root 'tests/rig/install-chromium.sh')) | Out-Null
        $motoJson = Start-TestRig
        Write-AwsOperationsDoc
        $env:KVS_MODULE_MANIFEST = Join-Path $moduleOut 'KvsReporting.psd1'
        $env:KVS_MOTO_CONFIG = $motoJson
        $env:KVS_REPO_ROOT = $root
        $env:KVS_TEST_RESULTS = $testResults

        $xunitXml = Join-Path $testResults 'xunit.xml'
        $testArgs = @('test', (Join-Path $root 'tests/KvsReporting.Tests/KvsReporting.Tests.csproj'), '-c', $Configuration,
            '--nologo', '--logger', "xunit;LogFilePath=$xunitXml", '--logger', 'console;verbosity=minimal',
            '--collect', 'XPlat Code Coverage', '--results-directory', (Join-Path $testResults 'xunit'),
            '--', 'DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Format=cobertura')
        if ($XunitFilter) { $testArgs = @($testArgs[0..1]) + @('--filter', $XunitFilter) + $testArgs[2..($testArgs.Count - 1)] }
        $xunitExit = Invoke-Native dotnet $testArgs -AllowFailure
        $xunit = Read-XunitCounts $xunitXml
        if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) {
            $failures.Add("xunit exited with $xunitExit")
            $xunit.Failed++
        }
        $coverage = Get-ChildItem (Join-Path $testResults 'xunit') -Recurse -Filter 'coverage.cobertura.xml' -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($coverage) { Copy-Item $coverage.FullName (Join-Path $testResults 'xunit-coverage.cobertura.xml') }

        # Pester runs in its own pwsh so the module is imported from the built folder into a clean session.
        $pesterScript = Join-Path $root 'tests/Invoke-PesterSuite.ps1'
        $countsFile = Join-Path $testResults 'pester-counts.json'
        $pesterArgs = @('-NoProfile', '-File', $pesterScript, '-PesterPath', $pester, '-ResultsDirectory', $testResults,
            '-CountsFile', $countsFile, '-ModuleRoot', $moduleOut)
        if ($PesterTag) { $pesterArgs += @('-Tag', ($PesterTag -join ',')) }
        Invoke-Native dotnet (@('pwsh') + $pesterArgs) -AllowFailure | Out-Null
        if (Test-Path $countsFile) {
            $c = Get-Content -Raw $countsFile | ConvertFrom-Json
            $pesterCounts = @{ Passed = [int] $c.Passed; Failed = [int] $c.Failed; Skipped = [int] $c.Skipped }
        }
        else {
            $failures.Add('Pester did not report results')
            $pesterCounts.Failed++
        }
    }
    finally {
        Stop-TestRig $motoJson
    }

    $passed = $xunit.Passed + $pesterCounts.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed
    $skipped = $xunit.Skipped + $pesterCounts.Skipped
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed, $($pesterCounts.Skipped) skipped"
    foreach ($f in $failures) { Write-Host "note: $f" }
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Bench {
    Invoke-Build
    & (Join-Path $root 'tests/bench/Invoke-Bench.ps1') -ModuleRoot $moduleOut -RepoRoot $root
}

function Invoke-Demo {
    Invoke-Build
    $demo = Join-Path $root 'tools/Invoke-Demo.ps1'
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-File', $demo, '-ModuleRoot', $moduleOut, '-OutputRoot', $outputRoot) | Out-Null
}


function Invoke-Package {
    Invoke-Build
    $packageOut = Join-Path $outputRoot 'package'
    New-Item -ItemType Directory -Force -Path $packageOut | Out-Null
    & (Join-Path $root 'tools/New-ModulePackage.ps1') -ModuleRoot $moduleOut -Destination $packageOut
}

foreach ($t in $Task) {
    switch ($t) {
        'Clean' { if (Test-Path $outputRoot) { Remove-Item $outputRoot -Recurse -Force } }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Bench' { Invoke-Bench }
        'Demo' { Invoke-Demo }
        'Package' { Invoke-Package }
    }
}
