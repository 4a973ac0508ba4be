# The AWS connection experience in a real pwsh process against moto (IAM authentication on): what a user types
# after Set-AWSCredential / Set-DefaultAWSRegion, and what they see when something is wrong.
BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $script:moto = Get-Content -Raw $env:KVS_MOTO_CONFIG | ConvertFrom-Json
    $script:crawler = 'kvs-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 10)
    $env:KVS_PESTER_PY = @"
import boto3, sys
g = boto3.client('glue', endpoint_url='$($moto.endpoint)', region_name='$($moto.region)',
                 aws_access_key_id='$($moto.admin.accessKeyId)', aws_secret_access_key='$($moto.admin.secretAccessKey)')
try:
    g.create_database(DatabaseInput={'Name': 'kvs_pester_db'})
except g.exceptions.AlreadyExistsException:
    pass
g.create_crawler(Name=sys.argv[1], Role='arn:aws:iam::$($moto.accountId):role/glue', DatabaseName='kvs_pester_db',
                 Targets={'DynamoDBTargets': [{'Path': 'LicensePlateDetections'}]}, Schedule='cron(0 0 * * ? *)')
"@
    $env:PYTHONPATH = $moto.pythonPath
    $env:KVS_PESTER_PY | & $moto.python - $crawler
    if ($LASTEXITCODE -ne 0) { throw 'could not create the test crawler in moto' }
    $script:common = @{ EndpointUrl = $moto.endpoint; Region = $moto.region }
}

AfterAll {
    Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
}

Describe 'Get-KvsCrawlerStatus against moto' -Tag 'Aws' {
    It 'honours $StoredAWSCredentials (an AWSCredentials from another load context) and $StoredAWSRegion' {
        # What Set-AWSCredential leaves behind: an AWSCredentials of AWS.Tools' own AWSSDK.Core, loaded here into
        # the default context (the module's copy lives in its isolated context).
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        Add-Type -Path (Join-Path $packages 'awssdk.core/4.1.0/lib/net8.0/AWSSDK.Core.dll')
        $global:StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new($moto.admin.accessKeyId, $moto.admin.secretAccessKey)
        $global:StoredAWSRegion = $moto.region
        try {
            $status = Get-KvsCrawlerStatus -Name $crawler -EndpointUrl $moto.endpoint
            $status.CrawlerName | Should -Be $crawler
            $status.State | Should -Be 'READY'
            $status.Region | Should -Be $moto.region
        }
        finally {
            Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global
        }
    }

    It 'takes keys from a script-made object and refuses a stored value that is not credentials' {
        $keys = [pscustomobject]@{ AccessKey = $moto.admin.accessKeyId; SecretKey = $moto.admin.secretAccessKey }
        (Get-KvsCrawlerStatus -Name $crawler -Credential $keys @common).State | Should -Be 'READY'
        $global:StoredAWSCredentials = 42
        try {
            { Get-KvsCrawlerStatus -Name $crawler @common -ErrorAction Stop } |
                Should -Throw -ErrorId 'KvsAwsStoredCredentialInvalid,KvsReporting.Crawler.GetKvsCrawlerStatusCommand'
        }
        finally {
            Remove-Variable -Name StoredAWSCredentials -Scope Global
        }
    }

    It 'formats as a table with the crawler state' {
        $text = Get-KvsCrawlerStatus -Name $crawler -AccessKey $moto.admin.accessKeyId -SecretKey $moto.admin.secretAccessKey @common | Out-String
        $text | Should -Match 'CrawlerName\s+State'
        $text | Should -Match ([regex]::Escape($crawler) + '\s+READY')
    }

    It 'reports a missing crawler as ObjectNotFound and goes on with the other names' {
        $missing = 'kvs-missing-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $out = Get-KvsCrawlerStatus -Name $missing, $crawler -AccessKey $moto.admin.accessKeyId -SecretKey $moto.admin.secretAccessKey @common -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.CrawlerName | Should -Be $crawler
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'KvsGetCrawlerNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $errs[0].Exception.ErrorCode | Should -Be 'EntityNotFoundException'
        $errs[0].Exception.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'turns a wrong secret key into a SecurityError that does not show the key' {
        $wrong = 'Wrong' + [guid]::NewGuid().ToString('N')
        { Get-KvsCrawlerStatus -Name $crawler -AccessKey $moto.admin.accessKeyId -SecretKey $wrong @common -ErrorAction Stop } |
            Should -Throw -ErrorId 'KvsGetCrawlerSignatureDoesNotMatch,KvsReporting.Crawler.GetKvsCrawlerStatusCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'SecurityError'
        ($Error[0] | Out-String) | Should -Not -Match $wrong
    }

    It 'gives the limited user AccessDenied for listing every crawler' {
        { Get-KvsCrawlerStatus -AccessKey $moto.limited.accessKeyId -SecretKey $moto.limited.secretAccessKey @common -ErrorAction Stop } |
            Should -Throw -ErrorId 'KvsGetCrawlersAccessDenied,KvsReporting.Crawler.GetKvsCrawlerStatusCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}
