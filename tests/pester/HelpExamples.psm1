<#
    Reads the examples of docs/help/<Cmdlet>.md and runs them the way a user would, in a fresh runspace with
    the built module imported, in a fresh temporary working folder.

    Convention (documented in docs/help/README.md): an example's code block may start with comment lines
        # requires: <need>[, <need>...]
    that Build-Help strips from Get-Help's text and this harness honours:
        local-stack  a local stack at ./kvs-demo holding 500 sample detections (seed 42) crawled from
                     ./kvs-demo-detections.csv (a CSV export); $stack holds it
        aws          AWS_* environment variables point at the moto test rig (endpoint, region, admin keys)
        aws-stack    aws, plus the reporting stack deployed in moto (and what moto skips of it created
                     directly); $stack holds it
        manual       shown in help, never run here (opens a browser, needs a real account...): reported skipped
    Examples without a requirement run with nothing prepared but the empty working folder.
#>

function Get-HelpExample {
    param([Parameter(Mandatory)] [string] $Path)
    $lines = Get-Content -LiteralPath $Path
    $command = [IO.Path]::GetFileNameWithoutExtension($Path)
    $section = $null; $title = $null; $inCode = $false; $code = $null; $number = 0
    foreach ($line in $lines) {
        if ($inCode) {
            if ($line -match '^\s*```\s*$') {
                $inCode = $false
                $requires = [Collections.Generic.List[string]]::new()
                $body = [Collections.Generic.List[string]]::new()
                $leading = $true
                foreach ($codeLine in $code) {
                    if ($leading -and $codeLine -match '^\s*#\s*requires:\s*(.+)$') {
                        $Matches[1] -split ',' | ForEach-Object { $requires.Add($_.Trim()) }
                        continue
                    }
                    $leading = $false
                    $body.Add($codeLine)
                }
                [pscustomobject]@{
                    Command  = $command
                    Number   = $number
                    Title    = $title
                    Code     = ($body -join "`n").Trim()
                    Requires = @($requires)
                }
                $title = $null
            }
            else { $code.Add($line) }
            continue
        }
        if ($line -match '^##\s+(.+?)\s*$' -and $line -notmatch '^###') { $section = $Matches[1].ToUpperInvariant(); continue }
        if ($section -ne 'EXAMPLES') { continue }
        if ($line -match '^###\s+(.+?)\s*$') { $title = $Matches[1]; $number++; continue }
        if ($title -and $line -match '^\s*```\s*(powershell|pwsh|ps1)\s*$') {
            $inCode = $true
            $code = [Collections.Generic.List[string]]::new()
        }
    }
}

function Get-ExampleSetup {
    <# PowerShell run in the example's runspace before its code, per requirement. #>
    param([string] $Need)
    switch ($Need) {
        'local-stack' {
            @'
$stack = New-KvsReportingStack -Local ./kvs-demo
# crawled from an export file, so the crawler has a source to crawl again
New-KvsSampleDetection -Count 500 -Seed 42 |
    Select-Object @{ n = 'image_name'; e = 'ImageName' }, @{ n = 'license_plate'; e = 'LicensePlate' },
        @{ n = 'confidence'; e = 'Confidence' }, @{ n = 'bucket_name'; e = 'BucketName' },
        @{ n = 'timestamp'; e = { $_.Timestamp.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.ffffff') } } |
    Export-Csv ./kvs-demo-detections.csv
Start-KvsCrawler -Local ./kvs-demo -Path ./kvs-demo-detections.csv | Out-Null
'@
        }
        'aws' { '' }
        'aws-stack' {
            @'
$stack = Get-KvsReportingStack -StackName kvs-license-reporting -ErrorAction SilentlyContinue
if (-not $stack) { $stack = New-KvsReportingStack -Wait }
'@
        }
        default { throw "Unknown example requirement '$Need' (known: local-stack, aws, aws-stack, manual)." }
    }
}

function Get-MotoEnvironment {
    <# The AWS_* variables an 'aws' example runs with, from the rig's moto.json. #>
    param([string] $MotoConfig)
    $moto = Get-Content -Raw -LiteralPath $MotoConfig | ConvertFrom-Json
    [ordered]@{
        AWS_ENDPOINT_URL      = $moto.endpoint
        AWS_REGION            = $moto.region
        AWS_DEFAULT_REGION    = $moto.region
        AWS_ACCESS_KEY_ID     = $moto.admin.accessKeyId
        AWS_SECRET_ACCESS_KEY = $moto.admin.secretAccessKey
        AWS_SESSION_TOKEN     = $null
        AWS_PROFILE           = $null
    }
}

function Invoke-HelpExample {
    <#
        Runs one example; returns its errors (empty when it worked). Terminating errors and anything written
        to the error stream count as failures.
    #>
    param(
        [Parameter(Mandatory)] $Example,
        [Parameter(Mandatory)] [string] $ManifestPath,
        [Parameter(Mandatory)] [string] $WorkingDirectory,
        [string] $MotoConfig,
        [int] $TimeoutSeconds = 120
    )
    $needs = [Collections.Generic.List[string]]::new()
    foreach ($need in $Example.Requires) {
        if ($need -eq 'aws-stack' -and -not $needs.Contains('aws')) { $needs.Add('aws') }
        $needs.Add($need)
    }
    $savedEnv = @{}
    if ($needs.Contains('aws')) {
        foreach ($pair in (Get-MotoEnvironment $MotoConfig).GetEnumerator()) {
            $savedEnv[$pair.Key] = [Environment]::GetEnvironmentVariable($pair.Key)
            [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value)
        }
    }
    New-Item -ItemType Directory -Force -Path $WorkingDirectory | Out-Null
    $iss = [initialsessionstate]::CreateDefault2()
    $iss.ImportPSModule($ManifestPath)
    $runspace = [runspacefactory]::CreateRunspace($iss)
    $ps = [powershell]::Create()
    try {
        $runspace.Open()
        $ps.Runspace = $runspace
        $prelude = @"
Set-Location -LiteralPath '$($WorkingDirectory -replace "'", "''")'
`$ErrorActionPreference = 'Stop'
`$ConfirmPreference = 'None'
`$ProgressPreference = 'SilentlyContinue'
"@
        $setup = ($needs | Where-Object { $_ -ne 'manual' } | ForEach-Object { Get-ExampleSetup $_ }) -join "`n"
        foreach ($part in @($prelude, $setup, $Example.Code)) {
            if (-not $part.Trim()) { continue }
            $ps.Commands.Clear()
            $null = $ps.AddScript($part).AddCommand('Out-String')
            $async = $ps.BeginInvoke()
            if (-not $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSeconds))) {
                $ps.Stop()
                return @("timed out after $TimeoutSeconds s")
            }
            try { $null = $ps.EndInvoke($async) }
            catch { return @($_.Exception.InnerException ?? $_.Exception | ForEach-Object Message) }
            if ($ps.Streams.Error.Count -gt 0) {
                return @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
            }
        }
        @()
    }
    finally {
        $ps.Dispose()
        $runspace.Dispose()
        foreach ($pair in $savedEnv.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
    }
}

Export-ModuleMember -Function Get-HelpExample, Invoke-HelpExample, Get-MotoEnvironment
