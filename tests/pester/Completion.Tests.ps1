# Tab completion through the built module, as at the prompt (TabExpansion2), and the rule that every
# parameter of these kinds on every exported cmdlet carries its completer.
BeforeDiscovery {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    # parameter name -> completer type; the QuickSight role and principal parameters only on QuickSight cmdlets
    $crawledTableCommands = 'Get-KvsDetection', 'Get-KvsDetectionSummary', 'Get-KvsPlateHistory', 'Export-KvsReport'
    $rules = @(
        @{ Parameter = 'Region'; Completer = 'RegionCompleter'; Commands = '*' }
        @{ Parameter = 'ProfileName'; Completer = 'ProfileCompleter'; Commands = '*' }
        # New-* names something that does not exist yet: listing existing names would not help
        @{ Parameter = 'StackName'; Completer = 'StackNameCompleter'; Commands = '*'; Except = 'New-*' }
        @{ Parameter = 'WorkGroup'; Completer = 'WorkGroupCompleter'; Commands = '*' }
        @{ Parameter = 'Catalog'; Completer = 'DataCatalogCompleter'; Commands = '*' }
        @{ Parameter = 'Database'; Completer = 'DatabaseCompleter'; Commands = '*' }
        # the query and report cmdlets' -TableName is the crawled (Glue/Athena) table; elsewhere the DynamoDB source
        @{ Parameter = 'TableName'; Completer = 'DynamoDbTableCompleter'; Commands = '*'; Except = $crawledTableCommands }
        @{ Parameter = 'TableName'; Completer = 'TableCompleter'; Commands = $crawledTableCommands }
        @{ Parameter = 'CrawlerName'; Completer = 'CrawlerCompleter'; Commands = '*'; Except = 'New-*' }
        @{ Parameter = 'Name'; Completer = 'CrawlerCompleter'; Commands = '*-KvsCrawler*' }
        @{ Parameter = 'RoleName'; Completer = 'QuickSightRoleCompleter'; Commands = '*-KvsQuickSight*' }
        @{ Parameter = 'Principal'; Completer = 'QuickSightPrincipalCompleter'; Commands = '*-KvsQuickSight*' }
    )
    $cases = @(foreach ($command in Get-Command -Module KvsReporting -CommandType Cmdlet) {
            foreach ($rule in $rules) {
                if (-not ($rule.Commands | Where-Object { $command.Name -like $_ })) { continue }
                if ($rule.Except -and ($rule.Except | Where-Object { $command.Name -like $_ })) { continue }
                # a parameter matches by its name or one of its aliases (Get-KvsCrawlerStatus -Name has alias CrawlerName)
                $parameter = $command.Parameters.Values | Where-Object { $_.Name -eq $rule.Parameter -or $_.Aliases -contains $rule.Parameter } | Select-Object -First 1
                if ($parameter) { @{ Command = $command.Name; Parameter = $parameter.Name; Completer = $rule.Completer } }
            }
        })
    $cases = @($cases | Group-Object { "$($_.Command) -$($_.Parameter)" } | ForEach-Object { $_.Group[0] })
    $crawlerCommand = Get-Command -Module KvsReporting -Name Get-KvsCrawlerStatus -ErrorAction SilentlyContinue
}

BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
    function Invoke-FreshPwsh([string] $Command, [hashtable] $Environment) {
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try {
            Push-Location $env:KVS_REPO_ROOT
            & dotnet pwsh -NoProfile -NonInteractive -Command $Command 2>&1 | Out-String
        }
        finally {
            Pop-Location
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
}

Describe 'Completers are registered' -Tag Completion {
    It '<Command> -<Parameter> completes with <Completer>' -ForEach $cases {
        $attribute = (Get-Command $Command).Parameters[$Parameter].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
        $attribute | Should -Not -BeNullOrEmpty -Because "-$Parameter of $Command should offer values on Tab"
        $attribute.Type.Name | Should -Be $Completer
    }
}

Describe 'Completion at the prompt' -Tag Completion -Skip:(-not $crawlerCommand) {
    It 'completes -Region from the SDK region list' {
        $matches = Complete 'Get-KvsCrawlerStatus -Region eu-west-'
        $matches.CompletionText | Should -Contain 'eu-west-1'
        $matches.CompletionText | Should -Not -Contain 'us-east-1'
    }

    It 'completes -ProfileName from the credentials file given by -ProfileLocation' {
        $file = Join-Path $TestDrive 'credentials'
        "[kvs-pester-one]`naws_access_key_id = AKIAEXAMPLE1`naws_secret_access_key = s1`n[kvs-pester-two]`naws_access_key_id = AKIAEXAMPLE2`naws_secret_access_key = s2" | Set-Content $file
        $matches = Complete "Get-KvsCrawlerStatus -ProfileLocation '$file' -ProfileName kvs-pester-t"
        $matches.CompletionText | Should -Be @('kvs-pester-two')
    }

    It 'completes SSO and assume-role profiles from the shared config file (AWS_CONFIG_FILE)' {
        $config = Join-Path $TestDrive 'config'
        @'
[profile kvs-sso-dev]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Reader

[profile kvs-ops-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = kvs-sso-dev
'@ | Set-Content $config
        $script = "Import-Module '$env:KVS_MODULE_MANIFEST'; `$l = 'Get-KvsCrawlerStatus -ProfileName kvs-'; (TabExpansion2 -inputScript `$l -cursorColumn `$l.Length).CompletionMatches.CompletionText -join ','"
        $out = Invoke-FreshPwsh $script @{ AWS_CONFIG_FILE = $config; AWS_SHARED_CREDENTIALS_FILE = (Join-Path $TestDrive 'none') }
        $out.Trim() | Should -Be 'kvs-ops-admin,kvs-sso-dev'
    }

    It 'completes crawler names from moto with the endpoint and keys typed on the line' -Skip:(-not $env:KVS_MOTO_CONFIG) {
        $moto = Get-Content -Raw $env:KVS_MOTO_CONFIG | ConvertFrom-Json
        $moto.pythonPath | Should -Not -BeNullOrEmpty
        $env:PYTHONPATH, $saved = $moto.pythonPath, $env:PYTHONPATH
        try { & $moto.python (Join-Path $PSScriptRoot 'HelpExamples.seed.py') $env:KVS_MOTO_CONFIG | Out-Null } finally { $env:PYTHONPATH = $saved }
        $line = "Get-KvsCrawlerStatus -EndpointUrl $($moto.endpoint) -Region $($moto.region) -AccessKey $($moto.admin.accessKeyId) -SecretKey '$($moto.admin.secretAccessKey)' -Name LicensePlate"
        (Complete $line).CompletionText | Should -Contain 'LicensePlateDetectionsCrawler'
    }

    It 'completes crawler names with the environment the cmdlet would use, and is silent without it' -Skip:(-not $env:KVS_MOTO_CONFIG) {
        $moto = Get-Content -Raw $env:KVS_MOTO_CONFIG | ConvertFrom-Json
        $environment = @{ AWS_ENDPOINT_URL = $moto.endpoint; AWS_REGION = $moto.region; AWS_ACCESS_KEY_ID = $moto.admin.accessKeyId; AWS_SECRET_ACCESS_KEY = $moto.admin.secretAccessKey }
        # As at the prompt: the first Tab of a fresh session may outrun the 2 s budget while the SDK loads; the
        # listing finishes in the background and a later Tab shows it.
        $script = @"
Import-Module '$env:KVS_MODULE_MANIFEST'
`$l = 'Get-KvsCrawlerStatus LicensePlate'
foreach (`$try in 1..4) {
    `$found = (TabExpansion2 -inputScript `$l -cursorColumn `$l.Length).CompletionMatches.CompletionText -join ','
    if (`$found) { break }
    Start-Sleep -Seconds 2
}
`$found
`$Error.Count
"@
        (Invoke-FreshPwsh $script $environment) | Should -Match 'LicensePlateDetectionsCrawler'
        $offline = @{ AWS_ENDPOINT_URL = 'http://127.0.0.1:9'; AWS_REGION = 'us-east-1'; AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE'; AWS_SECRET_ACCESS_KEY = 'x' }
        (Invoke-FreshPwsh $script $offline).Trim() | Should -Be '0' -Because 'offline, Tab offers nothing (an empty line) and writes no error'
    }
}
