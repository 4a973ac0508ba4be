# One runbook, run unchanged on the embedded engine and on AWS (moto): the cmdlets that both engines back take
# the same parameters, return the same types and fail with the same errors for the same mistakes. Only the
# set-up of each engine differs (where the data comes from, and what moto cannot do itself).
BeforeDiscovery {
    $engines = @(@{ Engine = 'Local' }, @{ Engine = 'Aws' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $moto = Get-KvsTestMoto
    # The AWS engine is reached through the standard environment variables, so the runbook's lines carry no
    # connection parameters on either engine. Its own region keeps moto's per-region queue of Athena results
    # (see the query tests) apart from what other suites queued.
    $script:region = 'eu-west-1'
    $script:savedEnv = @{}
    # Settings that would outrank these (a profile, stored credentials) are cleared for the scenario and restored.
    $script:savedStored = @{ Credentials = $global:StoredAWSCredentials; Region = $global:StoredAWSRegion }
    $global:StoredAWSCredentials = $null
    $global:StoredAWSRegion = $null
    $settings = @{
        AWS_ENDPOINT_URL = $moto.endpoint; AWS_REGION = $region; AWS_ACCESS_KEY_ID = $moto.admin.accessKeyId; AWS_SECRET_ACCESS_KEY = $moto.admin.secretAccessKey
        AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null; AWS_DEFAULT_PROFILE = $null; AWS_DEFAULT_REGION = $null; AWS_CONFIG_FILE = $null; AWS_SHARED_CREDENTIALS_FILE = $null
    }
    foreach ($pair in $settings.GetEnumerator()) {
        $savedEnv[$pair.Key] = [Environment]::GetEnvironmentVariable($pair.Key)
        [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value)
    }
    $script:detections = New-KvsSampleDetection -Count 300 -Seed 11 -Start 2025-06-02 -End 2025-06-04
    $script:expectedTop = $detections | Group-Object LicensePlate |
        Sort-Object @{ Expression = 'Count'; Descending = $true }, @{ Expression = 'Name' } | Select-Object -First 3
}

AfterAll {
    foreach ($pair in $savedEnv.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
    $global:StoredAWSCredentials = $savedStored.Credentials
    $global:StoredAWSRegion = $savedStored.Region
}

Describe 'One runbook on both engines: <Engine>' -ForEach $engines {
    BeforeAll {
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script:crawlerName = "SharedCrawler$suffix"
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) "kvs-shared-$suffix"
        $script:target = if ($Engine -eq 'Local') { @{ Local = $folder } } else { @{ StackName = "kvs-shared-$suffix" } }
        $script:tableName = "Detections$suffix"
    }
    AfterAll {
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'creates the stack and gets it back as the same typed object' {
        $script:stack = New-KvsReportingStack @target -TableName $tableName -CrawlerName $crawlerName -Confirm:$false
        $stack.GetType().FullName | Should -Be 'KvsReporting.Stack.KvsReportingStack'
        $stack.Kind | Should -Be $Engine
        $stack.TableName | Should -Be $tableName
        $stack.CrawlerName | Should -Be $crawlerName
        $stack.GlueDatabase | Should -Be 'kvsworkshop_db'
        $stack.WorkGroup | Should -Be 'KVSWorkshopWorkgroup'
        $again = Get-KvsReportingStack @target
        $again.StackName | Should -Be $stack.StackName
        $again.Kind | Should -Be $Engine
    }

    It 'loads detections and reports the crawler with the same cmdlet and type' {
        if ($Engine -eq 'Local') {
            $run = $detections | Start-KvsCrawler -Local $stack.LocalPath
            $run.LastCrawl.RowsAdded | Should -Be 300
        }
        else {
            # moto's CloudFormation skips Glue and Athena resources: create what the template would have.
            Invoke-KvsTestBoto3 -Region $region @"
glue = client('glue')
try:
    glue.create_database(DatabaseInput={'Name': 'kvsworkshop_db'})
except glue.exceptions.AlreadyExistsException:
    pass
athena = client('athena')
try:
    athena.create_work_group(Name='KVSWorkshopWorkgroup', Configuration={'ResultConfiguration': {'OutputLocation': 's3://$($stack.QueryResultBucket)/athena-results/'}})
except athena.exceptions.InvalidRequestException:
    pass
glue.create_crawler(Name='$crawlerName', Role='arn:aws:iam::123456789012:role/kvs-glue', DatabaseName='kvsworkshop_db',
    Targets={'DynamoDBTargets': [{'Path': '$tableName'}]}, Schedule='cron(0 0 * * ? *)')
"@
            $started = $stack | Start-KvsCrawler
            $started.State | Should -Be 'RUNNING'
        }

        $status = $stack | Get-KvsCrawlerStatus
        $status.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
        $status.CrawlerName | Should -Be $crawlerName
        $status.ScheduleExpression | Should -Be 'cron(0 0 * * ? *)'
    }

    It 'answers the same query with the same typed rows' {
        $queryArgs = @{}
        if ($Engine -eq 'Aws') {
            # moto does not run SQL: it returns what is queued, here the answer Athena gives for this data.
            $rows = @(@{ Data = @(@{ VarCharValue = 'license_plate' }, @{ VarCharValue = 'n' }) }) +
                @($expectedTop | ForEach-Object { @{ Data = @(@{ VarCharValue = $_.Name }, @{ VarCharValue = [string] $_.Count }) } })
            $columns = @(
                @{ CatalogName = 'hive'; SchemaName = ''; TableName = ''; Name = 'license_plate'; Label = 'license_plate'; Type = 'varchar'; Precision = 2147483647; Scale = 0; Nullable = 'UNKNOWN'; CaseSensitive = $true },
                @{ CatalogName = 'hive'; SchemaName = ''; TableName = ''; Name = 'n'; Label = 'n'; Type = 'bigint'; Precision = 19; Scale = 0; Nullable = 'UNKNOWN'; CaseSensitive = $false })
            $body = @{ account_id = $moto.accountId; region = $region; results = @(@{ rows = $rows; column_info = $columns }) } | ConvertTo-Json -Depth 8
            Invoke-RestMethod -Method Post -Uri "$($moto.endpoint)/moto-api/static/athena/query-results" -ContentType 'application/json' -Body $body | Out-Null
            $queryArgs.OutputLocation = "s3://$($stack.QueryResultBucket)/athena-results/"
        }

        # the crawler names the catalog table after the DynamoDB table, lower-cased, on both engines
        $sql = "SELECT license_plate, count(*) AS n FROM ""default"".""$($stack.TableName.ToLowerInvariant())"" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"
        $top = @($stack | Invoke-KvsAthenaQuery -Query $sql @queryArgs)
        $top.Count | Should -Be 3
        for ($i = 0; $i -lt 3; $i++) {
            $top[$i].license_plate | Should -Be $expectedTop[$i].Name
            $top[$i].n | Should -Be $expectedTop[$i].Count
            $top[$i].n | Should -BeOfType [long]
        }
    }

    It 'returns the same typed detections for the same filter' {
        $plate = $expectedTop[0].Name
        $expected = @($detections | Where-Object LicensePlate -EQ $plate | Sort-Object ImageName)
        $queryArgs = @{}
        if ($Engine -eq 'Aws') {
            $names = 'image_name', 'license_plate', 'confidence', 'bucket_name', 'timestamp'
            $rows = @(@{ Data = @($names | ForEach-Object { @{ VarCharValue = $_ } }) }) + @($expected | ForEach-Object {
                    @{ Data = @(@{ VarCharValue = $_.ImageName }, @{ VarCharValue = $_.LicensePlate }, @{ VarCharValue = $_.Confidence.ToString([cultureinfo]::InvariantCulture) },
                            @{ VarCharValue = $_.BucketName }, @{ VarCharValue = $_.Timestamp.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.ffffff') }) } })
            $types = @{ confidence = 'double' }
            $columns = @($names | ForEach-Object { @{ CatalogName = 'hive'; SchemaName = ''; TableName = ''; Name = $_; Label = $_; Type = $(if ($types[$_]) { $types[$_] } else { 'varchar' }); Precision = 0; Scale = 0; Nullable = 'UNKNOWN'; CaseSensitive = $true } })
            $body = @{ account_id = $moto.accountId; region = $region; results = @(@{ rows = $rows; column_info = $columns }) } | ConvertTo-Json -Depth 8
            Invoke-RestMethod -Method Post -Uri "$($moto.endpoint)/moto-api/static/athena/query-results" -ContentType 'application/json' -Body $body | Out-Null
            $queryArgs.OutputLocation = "s3://$($stack.QueryResultBucket)/athena-results/"
        }

        $found = @($stack | Get-KvsDetection -LicensePlate $plate @queryArgs | Sort-Object ImageName)
        $found.Count | Should -Be $expected.Count
        $found[0].GetType().FullName | Should -Be 'KvsReporting.Detections.LicensePlateDetection'
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $found[$i].ImageName | Should -Be $expected[$i].ImageName
            $found[$i].LicensePlate | Should -Be $plate
            $found[$i].Confidence | Should -Be $expected[$i].Confidence
            $found[$i].Timestamp.UtcDateTime | Should -Be $expected[$i].Timestamp.UtcDateTime
            $found[$i].Camera | Should -Be $expected[$i].Camera
        }
    }

    It 'removes the stack, after which Get fails with the same error' {
        $stack | Remove-KvsReportingStack -Confirm:$false
        { Get-KvsReportingStack @target -ErrorAction Stop } | Should -Throw -ErrorId 'KvsGetStackNotFound*'
    }
}
