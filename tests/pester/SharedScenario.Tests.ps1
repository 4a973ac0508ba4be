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

    # What Athena answers for these detections, computed here: on the embedded engine the cmdlets must compute
    # the same; on moto (which runs no SQL) it is the answer queued for the cmdlet to read and map.
    $script:invariant = [cultureinfo]::InvariantCulture
    function script:Format-Ms($Value) {
        if ($null -eq $Value) { return $null }
        $utc = if ($Value -is [DateTimeOffset]) { $Value.UtcDateTime } else { ([datetime] $Value).ToUniversalTime() }
        $utc.ToString('yyyy-MM-dd HH:mm:ss.fff', $invariant)
    }
    # SQL orders text by code point; PowerShell's sort by culture, which ignores '-' and spaces.
    function script:ConvertTo-OrdinalKey([string] $Text) { -join ($Text.ToCharArray() | ForEach-Object { '{0:x4}' -f [int] $_ }) }
    function script:Get-ExpectedSummary([scriptblock] $Key, [scriptblock] $Order, [int] $Top) {
        $total = $detections.Count
        $rows = foreach ($g in ($detections | Group-Object -Property $Key -CaseSensitive)) {
            $confidence = $g.Group.Confidence | Measure-Object -Average -Minimum -Maximum
            $times = @($g.Group | ForEach-Object { $_.Timestamp.UtcDateTime } | Sort-Object)
            [pscustomobject]@{
                Key = $g.Name; Detections = [long] $g.Count
                DistinctPlates = [long] @($g.Group.LicensePlate | Sort-Object -Unique -CaseSensitive).Count
                AvgConfidence = [math]::Round($confidence.Average, 2, [MidpointRounding]::AwayFromZero)
                MinConfidence = $confidence.Minimum; MaxConfidence = $confidence.Maximum
                First = $times[0]; Last = $times[-1]
                Percent = [math]::Round($g.Count * 100.0 / $total, 2, [MidpointRounding]::AwayFromZero)
            }
        }
        if ($Order) { $rows = $rows | Sort-Object $Order, @{ Expression = { ConvertTo-OrdinalKey $_.Key } } }
        else { $rows = $rows | Sort-Object @{ Expression = 'Detections'; Descending = $true }, @{ Expression = { ConvertTo-OrdinalKey $_.Key } } }
        if ($Top) { $rows = $rows | Select-Object -First $Top }
        @($rows)
    }
    $script:summaryColumns = [ordered]@{ group_key = 'varchar'; detections = 'bigint'; distinct_plates = 'bigint'; avg_confidence = 'double'; min_confidence = 'double'; max_confidence = 'double'; first_seen = 'timestamp'; last_seen = 'timestamp'; percent = 'double' }
    function script:ConvertTo-SummaryAnswer([object[]] $Expected) {
        , @($Expected | ForEach-Object { , @($_.Key, $_.Detections, $_.DistinctPlates, $_.AvgConfidence, $_.MinConfidence, $_.MaxConfidence, $_.First, $_.Last, $_.Percent) })
    }
    function script:Assert-Summary([object[]] $Actual, [object[]] $Expected) {
        $Actual.Count | Should -Be $Expected.Count
        for ($i = 0; $i -lt $Expected.Count; $i++) {
            $Actual[$i].GetType().FullName | Should -Be 'KvsReporting.Reports.KvsDetectionSummary'
            $Actual[$i].Key | Should -BeExactly $Expected[$i].Key
            $Actual[$i].Detections | Should -Be $Expected[$i].Detections
            $Actual[$i].DistinctPlates | Should -Be $Expected[$i].DistinctPlates
            [math]::Abs($Actual[$i].AvgConfidence - $Expected[$i].AvgConfidence) | Should -BeLessOrEqual 0.011
            $Actual[$i].MinConfidence | Should -Be $Expected[$i].MinConfidence
            $Actual[$i].MaxConfidence | Should -Be $Expected[$i].MaxConfidence
            Format-Ms $Actual[$i].First | Should -Be (Format-Ms $Expected[$i].First)
            Format-Ms $Actual[$i].Last | Should -Be (Format-Ms $Expected[$i].Last)
            [math]::Abs($Actual[$i].Percent - $Expected[$i].Percent) | Should -BeLessOrEqual 0.011
        }
    }
    # the detections table's rows as Athena returns them (the crawler's string timestamp, as the Lambda writes it)
    function script:Push-TableAnswer([object[]] $Rows) {
        $columns = [ordered]@{ image_name = 'varchar'; license_plate = 'varchar'; confidence = 'double'; bucket_name = 'varchar'; timestamp = 'varchar' }
        Push-KvsTestAthenaAnswer -Region $region -Columns $columns -Rows @($Rows | ForEach-Object {
                , @($_.ImageName, $_.LicensePlate, $_.Confidence, $_.BucketName, $_.Timestamp.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.ffffff', $invariant)) })
    }
    function script:Get-IsoWeekday([datetime] $Utc) { $d = [int] $Utc.DayOfWeek; if ($d -eq 0) { 7 } else { $d } }
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
        Remove-Item $folder, "$folder-report" -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'creates the stack and gets it back as the same typed object' {
        $script:stack = New-KvsReportingStack @target -TableName $tableName -CrawlerName $crawlerName -Confirm:$false
        # on AWS the runbook names where Athena writes results, from the stack's result bucket
        $script:queryArgs = if ($Engine -eq 'Aws') { @{ OutputLocation = "s3://$($stack.QueryResultBucket)/athena-results/" } } else { @{} }
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

    It 'writes detections, crawls and reports the crawler with the same cmdlets and types' {
        if ($Engine -eq 'Aws') {
            # moto's CloudFormation skips Glue and Athena resources: create what the template would have, and
            # the detections table the Lambda writes to (it predates the reporting stack).
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
client('dynamodb').create_table(TableName='$tableName', KeySchema=[{'AttributeName': 'image_name', 'KeyType': 'HASH'}],
    AttributeDefinitions=[{'AttributeName': 'image_name', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')
"@
        }

        # a runbook first waits out any crawl in progress; an idle crawler answers at once
        $idle = $stack | Wait-KvsCrawler
        $idle.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
        $idle.State | Should -Be 'READY'

        # LocalPath is empty for an AWS stack, so one line writes to DynamoDB or into the local stack; written
        # twice, as a re-run runbook would, the table still holds each detection once (image_name is the key)
        foreach ($attempt in 1, 2) {
            $written = $detections | Write-KvsDetection -Local $stack.LocalPath -TableName $stack.TableName
            $written.GetType().FullName | Should -Be 'KvsReporting.Detections.KvsDetectionWriteResult'
            $written.Written | Should -Be 300
        }
        $stored = if ($Engine -eq 'Local') {
            (Invoke-KvsAthenaQuery -Local $stack.LocalPath -Query "SELECT count(*) AS n FROM ""$($stack.TableName.ToLowerInvariant())""").n
        }
        else {
            (Invoke-KvsTestBoto3 -Region $region "print(json.dumps({'n': client('dynamodb').scan(TableName='$tableName', Select='COUNT')['Count']}))").n
        }
        $stored | Should -Be 300

        $started = $stack | Start-KvsCrawler
        $started.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
        # a Glue crawl runs on (moto never ends it); a local crawl is done when the command returns
        $started.State | Should -Be $(if ($Engine -eq 'Aws') { 'RUNNING' } else { 'READY' })

        $status = $stack | Get-KvsCrawlerStatus
        $status.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
        $status.CrawlerName | Should -Be $crawlerName
        $status.ScheduleExpression | Should -Be 'cron(0 0 * * ? *)'

        # stopping: the Glue crawl stops; the finished local one warns that nothing runs, as Glue does for an
        # idle crawler, and both return the crawler's status
        $stopped = $stack | Stop-KvsCrawler -WarningAction SilentlyContinue -WarningVariable warnings
        $stopped.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
        $stopped.CrawlerName | Should -Be $crawlerName
        if ($Engine -eq 'Local') { "$warnings" | Should -Match 'not running' }
    }

    It 'fails the same way for a crawler the stack does not have' {
        { $stack | Get-KvsCrawlerStatus -CrawlerName 'NoSuchCrawler' -ErrorAction Stop } | Should -Throw -ErrorId 'KvsGetCrawlerNotFound*'
        { $stack | Start-KvsCrawler -CrawlerName 'NoSuchCrawler' -ErrorAction Stop } | Should -Throw -ErrorId 'KvsStartCrawlerNotFound*'
        $errors = @()
        $stack | Get-KvsCrawlerStatus -CrawlerName 'NoSuchCrawler' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'NoSuchCrawler'
    }

    It 'updates the crawler schedule with the same command, and rejects a bad one the same way' {
        { $stack | Update-KvsReportingStack -CrawlerSchedule 'daily' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'KvsUpdateStackInvalidCrawlerSchedule*'

        $updated = $stack | Update-KvsReportingStack -CrawlerSchedule 'cron(0 6 * * ? *)' -Wait -Confirm:$false
        $updated.GetType().FullName | Should -Be 'KvsReporting.Stack.KvsReportingStack'
        $updated.StackName | Should -Be $stack.StackName
        if ($Engine -eq 'Local') {
            ($stack | Get-KvsCrawlerStatus).ScheduleExpression | Should -Be 'cron(0 6 * * ? *)'
        }
        else {
            # moto's CloudFormation keeps the parameter but creates no Glue crawler from it
            $parameters = Invoke-KvsTestBoto3 -Region $region "print(json.dumps(client('cloudformation').describe_stacks(StackName='$($stack.StackName)')['Stacks'][0]['Parameters']))"
            ($parameters | Where-Object ParameterKey -EQ 'CrawlerSchedule').ParameterValue | Should -Be 'cron(0 6 * * ? *)'
        }
    }

    It 'answers the same query with the same typed rows' {
        if ($Engine -eq 'Aws') {
            # moto does not run SQL: it returns what is queued, here the answer Athena gives for this data.
            Push-KvsTestAthenaAnswer -Region $region -Columns ([ordered]@{ license_plate = 'varchar'; n = 'bigint' }) -Rows @($expectedTop | ForEach-Object { , @($_.Name, [long] $_.Count) })
        }

        # the crawler names the catalog table after the DynamoDB table, lower-cased, on both engines
        $sql = "SELECT license_plate, count(*) AS n FROM ""default"".""$($stack.TableName.ToLowerInvariant())"" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"
        $output = @($stack | Invoke-KvsAthenaQuery -Query $sql -PassThru @queryArgs)
        $top = @($output | Select-Object -SkipLast 1)
        $top.Count | Should -Be 3
        for ($i = 0; $i -lt 3; $i++) {
            $top[$i].license_plate | Should -Be $expectedTop[$i].Name
            $top[$i].n | Should -Be $expectedTop[$i].Count
            $top[$i].n | Should -BeOfType [long]
        }

        # the execution that -PassThru adds is found again by its id, with the SQL as written, on both engines
        $execution = $output[-1]
        $execution.GetType().FullName | Should -Be 'KvsReporting.Queries.KvsQueryExecution'
        $execution.QueryExecutionId | Should -Match '^[0-9a-f-]{36}$'
        $again = @($execution | Get-KvsQueryExecution)
        $again.Count | Should -Be 1
        $again[0].QueryExecutionId | Should -Be $execution.QueryExecutionId
        "$($again[0].State)" | Should -Be 'SUCCEEDED'
        $again[0].Query.Trim() | Should -Be $sql
        # stopping a query that has finished is accepted and returns the execution
        $stopped = @($execution | Stop-KvsAthenaQuery -PassThru)
        $stopped.Count | Should -Be 1
        $stopped[0].GetType().FullName | Should -Be 'KvsReporting.Queries.KvsQueryExecution'
        $stopped[0].QueryExecutionId | Should -Be $execution.QueryExecutionId
        # Athena leaves a finished query as it was, and so does the embedded engine; moto marks it CANCELLED
        if ($Engine -eq 'Local') { "$($stopped[0].State)" | Should -Be 'SUCCEEDED' }

        if ($Engine -eq 'Local') {
            # Athena lists an unknown id among BatchGetQueryExecution's UnprocessedQueryExecutionIds, which the
            # cmdlet reports with this id; moto fails the call with a 500, so only the local side is checked here
            { Get-KvsQueryExecution -Local $stack.LocalPath -QueryExecutionId ([guid]::NewGuid().ToString()) -ErrorAction Stop } | Should -Throw -ErrorId 'KvsGetQueryExecutionNotFound*'
        }
    }

    It 'returns the same typed detections for the same filter' {
        $plate = $expectedTop[0].Name
        $expected = @($detections | Where-Object LicensePlate -EQ $plate | Sort-Object ImageName)
        if ($Engine -eq 'Aws') {
            Push-TableAnswer $expected
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

    It 'summarizes detections with the same typed rows' {
        $expected = Get-ExpectedSummary -Key { $_.Camera } -Top 2
        if ($Engine -eq 'Aws') {
            Push-KvsTestAthenaAnswer -Region $region -Columns $summaryColumns -Rows (ConvertTo-SummaryAnswer $expected)
        }

        $summary = @($stack | Get-KvsDetectionSummary -By Camera -Top 2 @queryArgs)
        Assert-Summary $summary $expected
        $summary[0].Dimension | Should -Be 'Camera'
    }

    It 'traces a plate with the same typed sightings' {
        $plate = $expectedTop[0].Name
        $sightings = @($detections | Where-Object LicensePlate -CEQ $plate |
                Sort-Object @{ Expression = { $_.Timestamp.UtcDateTime } }, @{ Expression = { ConvertTo-OrdinalKey $_.ImageName } })
        if ($Engine -eq 'Aws') {
            $previous = $null
            $rows = for ($i = 0; $i -lt $sightings.Count; $i++) {
                $at = $sightings[$i].Timestamp.UtcDateTime
                $gap = if ($previous) { [long] [math]::Floor(($at - $previous).TotalMilliseconds) } else { $null }
                $previous = $at
                , @($plate, [long] ($i + 1), $at, $gap, $sightings[$i].Confidence, $sightings[$i].Camera, $sightings[$i].ImageName, $sightings[$i].BucketName)
            }
            $columns = [ordered]@{ license_plate = 'varchar'; sighting = 'bigint'; ts = 'timestamp'; gap_ms = 'bigint'; confidence = 'double'; camera = 'varchar'; image_name = 'varchar'; bucket_name = 'varchar' }
            Push-KvsTestAthenaAnswer -Region $region -Columns $columns -Rows $rows
        }

        $history = @($stack | Get-KvsPlateHistory -LicensePlate $plate @queryArgs)
        $history.Count | Should -Be $sightings.Count
        for ($i = 0; $i -lt $sightings.Count; $i++) {
            $history[$i].GetType().FullName | Should -Be 'KvsReporting.Reports.KvsPlateSighting'
            $history[$i].Sighting | Should -Be ($i + 1)
            $history[$i].ImageName | Should -BeExactly $sightings[$i].ImageName
            Format-Ms $history[$i].Timestamp | Should -Be (Format-Ms $sightings[$i].Timestamp)
            $history[$i].Camera | Should -BeExactly $sightings[$i].Camera
            $history[$i].Confidence | Should -Be $sightings[$i].Confidence
            if ($i -eq 0) { $history[$i].SincePrevious | Should -BeNullOrEmpty }
            else {
                $gap = ($sightings[$i].Timestamp - $sightings[$i - 1].Timestamp).TotalMilliseconds
                [math]::Abs($history[$i].SincePrevious.TotalMilliseconds - $gap) | Should -BeLessOrEqual 1
            }
        }
    }

    It 'writes the same HTML report from the same numbers' {
        $path = Join-Path "$folder-report" 'report.html'
        New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
        $times = @($detections | ForEach-Object { $_.Timestamp.UtcDateTime } | Sort-Object)
        $topPlates = Get-ExpectedSummary -Key { $_.LicensePlate } -Top 5
        $recent = @($detections | Sort-Object @{ Expression = { $_.Timestamp.UtcDateTime }; Descending = $true }, @{ Expression = { ConvertTo-OrdinalKey $_.ImageName }; Descending = $true } | Select-Object -First 20)
        if ($Engine -eq 'Aws') {
            # the report's seven queries, in the order Export-KvsReport runs them
            $totalsColumns = [ordered]@{ detections = 'bigint'; distinct_plates = 'bigint'; cameras = 'bigint'; avg_confidence = 'double'; first_seen = 'timestamp'; last_seen = 'timestamp' }
            $average = [math]::Round(($detections.Confidence | Measure-Object -Average).Average, 2, [MidpointRounding]::AwayFromZero)
            Push-KvsTestAthenaAnswer -Region $region -Columns $totalsColumns -Rows @(, @([long] $detections.Count, [long] @($detections.LicensePlate | Sort-Object -Unique -CaseSensitive).Count, [long] @($detections.Camera | Sort-Object -Unique).Count, $average, $times[0], $times[-1]))
            # under three days of data the time series is hourly
            $hourly = $detections | Group-Object { $_.Timestamp.UtcDateTime.ToString('yyyy-MM-dd HH:00', $invariant) } | Sort-Object Name
            Push-KvsTestAthenaAnswer -Region $region -Columns ([ordered]@{ group_key = 'varchar'; detections = 'bigint'; distinct_plates = 'bigint' }) -Rows @($hourly | ForEach-Object { , @($_.Name, [long] $_.Count, [long] @($_.Group.LicensePlate | Sort-Object -Unique -CaseSensitive).Count) })
            $grid = $detections | Group-Object { '{0}|{1:00}' -f (Get-IsoWeekday $_.Timestamp.UtcDateTime), $_.Timestamp.UtcDateTime.Hour } | Sort-Object Name
            Push-KvsTestAthenaAnswer -Region $region -Columns ([ordered]@{ weekday = 'bigint'; hour = 'bigint'; detections = 'bigint' }) -Rows @($grid | ForEach-Object { $w, $h = $_.Name.Split('|'); , @([long] $w, [long] $h, [long] $_.Count) })
            Push-KvsTestAthenaAnswer -Region $region -Columns $summaryColumns -Rows (ConvertTo-SummaryAnswer $topPlates)
            $bands = Get-ExpectedSummary -Key { $b = if ($_.Confidence -ge 99) { 99 } else { [math]::Floor($_.Confidence) }; "$b-$($b + 1)" } -Order { [int] $_.Key.Split('-')[0] }
            Push-KvsTestAthenaAnswer -Region $region -Columns $summaryColumns -Rows (ConvertTo-SummaryAnswer $bands)
            Push-KvsTestAthenaAnswer -Region $region -Columns $summaryColumns -Rows (ConvertTo-SummaryAnswer (Get-ExpectedSummary -Key { $_.Camera } -Top 50))
            $recentColumns = [ordered]@{ ts = 'timestamp'; license_plate = 'varchar'; confidence = 'double'; camera = 'varchar'; image_name = 'varchar'; bucket_name = 'varchar' }
            Push-KvsTestAthenaAnswer -Region $region -Columns $recentColumns -Rows @($recent | ForEach-Object { , @($_.Timestamp, $_.LicensePlate, $_.Confidence, $_.Camera, $_.ImageName, $_.BucketName) })
        }

        $report = $stack | Export-KvsReport -Path $path -Top 5 -RecentLimit 20 @queryArgs
        $report.GetType().FullName | Should -Be 'KvsReporting.Reports.KvsReport'
        $report.Path | Should -Be $path
        $report.Detections | Should -Be $detections.Count
        $report.DistinctPlates | Should -Be @($detections.LicensePlate | Sort-Object -Unique -CaseSensitive).Count
        $report.Cameras | Should -Be 3
        Format-Ms $report.First | Should -Be (Format-Ms $times[0])
        Format-Ms $report.Last | Should -Be (Format-Ms $times[-1])
        $report.RecentDetections | Should -Be 20
        $html = Get-Content -Raw -LiteralPath $path
        foreach ($plate in $topPlates.Key) { $html | Should -Match ([regex]::Escape($plate)) }
        $html | Should -Match ([regex]::Escape($recent[0].ImageName))
    }

    It 'diagnoses the stack with the same checks, names and statuses' {
        if ($Engine -eq 'Aws') {
            # moto's Glue crawler never runs: catalog the table as the crawler would have
            Invoke-KvsTestBoto3 -Region $region @"
columns = [{'Name': n, 'Type': t} for n, t in [('image_name', 'string'), ('license_plate', 'string'), ('confidence', 'double'), ('bucket_name', 'string'), ('timestamp', 'string')]]
client('glue').create_table(DatabaseName='kvsworkshop_db', TableInput={'Name': '$($tableName.ToLowerInvariant())', 'TableType': 'EXTERNAL_TABLE',
    'Parameters': {'classification': 'dynamodb'}, 'StorageDescriptor': {'Columns': columns, 'Location': 'arn:aws:dynamodb:$($region):123456789012:table/$tableName'}})
"@
            # the smoke query's answer: the seed's ten rows
            Push-TableAnswer @($detections | Select-Object -First 10)
        }

        $checks = @($stack | Test-KvsReportingStack)
        $checks[0].GetType().FullName | Should -Be 'KvsReporting.Diagnostics.KvsDiagnostic'
        foreach ($name in 'Stack status', 'Glue database', 'Detections table', 'Smoke query') {
            $row = @($checks | Where-Object Check -EQ $name)
            $row.Count | Should -Be 1 -Because "both engines report '$name'"
            "$($row[0].Status)" | Should -Be 'Pass' -Because "$name on $Engine`: $($row[0].Detail)"
        }
        @($checks | Where-Object Check -EQ 'Last crawl').Count | Should -Be 1
    }

    It 'removes the stack, after which Get fails with the same error' {
        $stack | Remove-KvsReportingStack -Confirm:$false
        { Get-KvsReportingStack @target -ErrorAction Stop } | Should -Throw -ErrorId 'KvsGetStackNotFound*'
        # the diagnosis of a stack that is gone fails its stack row with the same error id, on both engines
        $stack | Test-KvsReportingStack -Quiet | Should -BeFalse
        $gone = @($stack | Test-KvsReportingStack | Where-Object Check -EQ 'Stack status')
        $gone.Count | Should -Be 1
        "$($gone[0].Status)" | Should -Be 'Fail'
        $gone[0].ErrorId | Should -Be 'KvsGetStackNotFound'
    }
}
