<#
.SYNOPSIS
    Query result paths: rows/s of a 1,000,000-row mixed-type result through the S3 result-CSV path and through
    the GetQueryResults paging path (1,000-row pages) of the module's Athena engine, against the raw Sep parse
    floor, with peak memory.
.DESCRIPTION
    moto returns every row in one GetQueryResults page, so both paths are served by an in-process HTTP endpoint
    in the harness (tests/bench/QueryBench): S3 GetObject streams the CSV file, GetQueryResults serves pre-built
    1,000-row pages. Signing, the SDK pipeline, HTTP, parsing and type conversion are the module's real code.
    The paging path is timed over its first 100 pages (100,000 rows) to keep the run short; its rate is per row.
    Real AWS adds network and service time to every request, which a local endpoint does not have: both paths
    run a second time with -LatencyMs (default 30, see the harness for why) waited before each HTTP answer (the
    S3 path pays it for the metadata call and the GetObject, the paging path for every page): measured, not
    estimated. The paging path with latency is timed over -LatencyPagedRows (50 pages) to keep the run short.
#>
param(
    [string] $ModuleRoot,
    [string] $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
    [int] $Rows = 1000000,
    [int] $PagedRows = 100000,
    [double] $LatencyMs = 30,
    [int] $LatencyPagedRows = 50000
)
$ErrorActionPreference = 'Stop'
$project = Join-Path $RepoRoot 'tests/bench/QueryBench/QueryBench.csproj'
$build = & dotnet build $project -c Release --nologo -v quiet 2>&1
if ($LASTEXITCODE -ne 0) { $build | Out-Host; throw "Building $project failed." }
$dll = Join-Path $RepoRoot 'tests/bench/QueryBench/bin/Release/net10.0/QueryBench.dll'
& dotnet $dll $Rows $PagedRows $LatencyMs.ToString([cultureinfo]::InvariantCulture) $LatencyPagedRows
if ($LASTEXITCODE -ne 0) { throw "QueryBench exited with $LASTEXITCODE." }
