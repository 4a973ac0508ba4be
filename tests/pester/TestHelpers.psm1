# Shared helpers for the Pester suites: the moto rig's connection and a boto3 runner for fixtures that the
# module itself has no cmdlet for (creating crawlers, queuing Athena results...).

function Get-KvsTestMoto {
    if (-not $env:KVS_MOTO_CONFIG -or -not (Test-Path $env:KVS_MOTO_CONFIG)) {
        throw 'KVS_MOTO_CONFIG is not set: run the tests through build.ps1 -Task Test, which starts the rig.'
    }
    Get-Content -Raw $env:KVS_MOTO_CONFIG | ConvertFrom-Json
}

# The connection parameters of the admin user, for splatting onto any AWS cmdlet of the module.
function Get-KvsTestConnection {
    param([ValidateSet('admin', 'limited')] [string] $User = 'admin')
    $moto = Get-KvsTestMoto
    @{
        EndpointUrl = $moto.endpoint
        Region      = $moto.region
        AccessKey   = $moto.$User.accessKeyId
        SecretKey   = $moto.$User.secretAccessKey
    }
}

# Runs Python with boto3 (the rig's, from Debian) against moto as the admin user. The script gets a
# `session` (boto3.Session) and `endpoint`; whatever it prints as JSON comes back as objects.
function Invoke-KvsTestBoto3 {
    param([Parameter(Mandatory)] [string] $Script, [string] $Region)
    $moto = Get-KvsTestMoto
    if (-not $Region) { $Region = $moto.region }
    $prelude = @"
import os
# explicit keys below: profile settings another test left in the environment must not reach botocore
for name in ('AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'):
    os.environ.pop(name, None)
import json, boto3
endpoint = '$($moto.endpoint)'
session = boto3.Session(aws_access_key_id='$($moto.admin.accessKeyId)', aws_secret_access_key='$($moto.admin.secretAccessKey)', region_name='$Region')
def client(name):
    return session.client(name, endpoint_url=endpoint)
"@
    $file = [IO.Path]::GetTempFileName() + '.py'
    Set-Content -LiteralPath $file -Value ($prelude + "`n" + $Script)
    try {
        $env:PYTHONPATH = $moto.pythonPath
        # the fixture uses explicit keys: profile or config settings another test left in the environment
        # must not reach botocore (an unknown AWS_PROFILE makes it fail before any call)
        $cleared = @{}
        foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE') {
            $cleared[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        try { $out = & $moto.python $file 2>&1 }
        finally { foreach ($pair in $cleared.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) } }
        if ($LASTEXITCODE -ne 0) { throw "boto3 fixture failed: $($out -join "`n")" }
        $text = ($out -join "`n").Trim()
        if ($text) { $text | ConvertFrom-Json }
    }
    finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
}

# Queues the answer moto's Athena gives to the next query in a region (moto runs no SQL): a header row, then
# the rows, as Athena's GetQueryResults returns them. -Columns maps each column name to its Athena type, in
# order; each row is an array of values in that order. Values are written as Athena writes them: timestamps
# as 'yyyy-MM-dd HH:mm:ss.fff' (UTC), numbers in the invariant culture, $null as a missing value.
function Push-KvsTestAthenaAnswer {
    param(
        [Parameter(Mandatory)] [Collections.Specialized.OrderedDictionary] $Columns,
        [AllowEmptyCollection()] [object[]] $Rows = @(),
        [string] $Region
    )
    $moto = Get-KvsTestMoto
    if (-not $Region) { $Region = $moto.region }
    $invariant = [cultureinfo]::InvariantCulture
    $cell = {
        param($value)
        if ($null -eq $value) { return @{} }
        $text = switch ($value) {
            { $_ -is [DateTimeOffset] } { $_.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss.fff', $invariant); break }
            { $_ -is [datetime] } { $_.ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss.fff', $invariant); break }
            { $_ -is [double] } { $_.ToString('R', $invariant); break }
            { $_ -is [IFormattable] } { $_.ToString($null, $invariant); break }
            default { [string] $_ }
        }
        @{ VarCharValue = $text }
    }
    $names = @($Columns.Keys)
    $resultRows = [Collections.Generic.List[object]]::new()
    $resultRows.Add(@{ Data = @($names | ForEach-Object { @{ VarCharValue = $_ } }) })
    foreach ($row in $Rows) { $resultRows.Add(@{ Data = @($row | ForEach-Object { & $cell $_ }) }) }
    $columnInfo = @($names | ForEach-Object {
            @{ CatalogName = 'hive'; SchemaName = ''; TableName = ''; Name = $_; Label = $_; Type = $Columns[$_]; Precision = 0; Scale = 0; Nullable = 'UNKNOWN'; CaseSensitive = $Columns[$_] -eq 'varchar' }
        })
    $body = @{ account_id = $moto.accountId; region = $Region; results = @(@{ rows = $resultRows; column_info = $columnInfo }) } | ConvertTo-Json -Depth 8
    Invoke-RestMethod -Method Post -Uri "$($moto.endpoint)/moto-api/static/athena/query-results" -ContentType 'application/json' -Body $body | Out-Null
}

Export-ModuleMember -Function Get-KvsTestMoto, Get-KvsTestConnection, Invoke-KvsTestBoto3, Push-KvsTestAthenaAnswer
