BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $script:conn = Get-KvsTestConnection
    $script:suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:crawlerA = "LicensePlateDetectionsCrawler-$suffix"
    $script:crawlerB = "SecondCrawler-$suffix"
    Invoke-KvsTestBoto3 @"
glue = client('glue')
glue.create_database(DatabaseInput={'Name': 'kvsworkshop_db_$suffix'})
for name, schedule in [('$crawlerA', 'cron(0 0 * * ? *)'), ('$crawlerB', 'cron(15 6 ? * MON-FRI *)')]:
    glue.create_crawler(Name=name, Role='arn:aws:iam::123456789012:role/kvs-glue-role', DatabaseName='kvsworkshop_db_$suffix',
        Targets={'DynamoDBTargets': [{'Path': 'LicensePlateDetections'}]}, Schedule=schedule,
        SchemaChangePolicy={'UpdateBehavior': 'UPDATE_IN_DATABASE', 'DeleteBehavior': 'LOG'})
"@
}

Describe 'Get-KvsCrawlerStatus' {
    It 'reports state, schedule in words, next run and targets of a crawler by name' {
        $s = Get-KvsCrawlerStatus -Name $crawlerA @conn
        $s.CrawlerName | Should -Be $crawlerA
        $s.State | Should -Be 'READY'
        $s.ScheduleExpression | Should -Be 'cron(0 0 * * ? *)'
        $s.ScheduleDescription | Should -Be 'at 00:00 UTC every day'
        $s.NextRunUtc | Should -Be ([DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(1), [TimeSpan]::Zero))
        $s.NextRunLocal.UtcDateTime | Should -Be $s.NextRunUtc.UtcDateTime
        $s.Targets[0].Kind | Should -Be 'DynamoDB'
        $s.Targets[0].Path | Should -Be 'LicensePlateDetections'
        $s.UpdateBehavior | Should -Be 'UPDATE_IN_DATABASE'
        $s.DeleteBehavior | Should -Be 'LOG'
        $s.TablesCreated | Should -BeNullOrEmpty -Because 'a crawler that never ran has no metrics, and that is not an error'
    }

    It 'reports several crawlers at once, and from objects in the pipeline by CrawlerName' {
        $both = Get-KvsCrawlerStatus -Name $crawlerA, $crawlerB @conn
        $both.CrawlerName | Should -Be @($crawlerA, $crawlerB)
        $both[1].ScheduleDescription | Should -Be 'at 06:15 UTC on weekdays (Monday to Friday)'

        $piped = [pscustomobject]@{ CrawlerName = $crawlerB; Region = $conn.Region; EndpointUrl = $conn.EndpointUrl } |
            Get-KvsCrawlerStatus -AccessKey $conn.AccessKey -SecretKey $conn.SecretKey
        $piped.CrawlerName | Should -Be $crawlerB
    }

    It 'names the missing crawler in an ObjectNotFound error and still reports the others' {
        $out = Get-KvsCrawlerStatus -Name "missing-$suffix", $crawlerA @conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.CrawlerName | Should -Be $crawlerA
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'KvsGetCrawlerNotFound*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be "missing-$suffix"
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-KvsCrawlerStatus -StackName' {
    It 'reports the crawler a stack names, and names the stack it could not find' {
        Invoke-KvsTestBoto3 @"
import json
template = {'Resources': {'Topic': {'Type': 'AWS::SNS::Topic'}}, 'Outputs': {'CrawlerName': {'Value': '$crawlerB'}}}
client('cloudformation').create_stack(StackName='kvs-crawler-stack-$suffix', TemplateBody=json.dumps(template))
"@
        (Get-KvsCrawlerStatus -StackName "kvs-crawler-stack-$suffix" @conn).CrawlerName | Should -Be $crawlerB
        try { Get-KvsCrawlerStatus -StackName "no-stack-$suffix" @conn -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'KvsGetCrawlerStackNotFound*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be "no-stack-$suffix"
        $err.Exception.Message | Should -Match "no-stack-$suffix"
    }
}

Describe 'Start-KvsCrawler on AWS' {
    BeforeAll {
        $script:crawlerC = "StartCrawler-$suffix"
        Invoke-KvsTestBoto3 @"
client('glue').create_crawler(Name='$crawlerC', Role='arn:aws:iam::123456789012:role/kvs-glue-role', DatabaseName='kvsworkshop_db_$suffix',
    Targets={'DynamoDBTargets': [{'Path': 'LicensePlateDetections'}]})
"@
    }

    It 'honours -WhatIf, starts a crawl, and warns without failing when it is already running' {
        Start-KvsCrawler -Name $crawlerC @conn -WhatIf | Should -BeNullOrEmpty
        (Get-KvsCrawlerStatus -Name $crawlerC @conn).State | Should -Be 'READY'

        $started = Start-KvsCrawler -Name $crawlerC @conn
        $started.State | Should -Be 'RUNNING'
        $started.ScheduleDescription | Should -BeNullOrEmpty -Because 'an on-demand crawler has no schedule'

        $again = Start-KvsCrawler -Name $crawlerC @conn -WarningVariable warns -WarningAction SilentlyContinue
        $again.State | Should -Be 'RUNNING'
        $warns[0] | Should -Match 'already RUNNING'
    }

    It 'binds the crawler name from an AWS stack object in the pipeline' {
        $awsStack = [pscustomobject]@{ StackName = 'kvs-license-reporting'; CrawlerName = $crawlerC; LocalPath = $null; Region = $conn.Region; EndpointUrl = $conn.EndpointUrl }
        $s = $awsStack | Start-KvsCrawler -AccessKey $conn.AccessKey -SecretKey $conn.SecretKey -WarningAction SilentlyContinue
        $s.CrawlerName | Should -Be $crawlerC
        $s = $awsStack | Get-KvsCrawlerStatus -AccessKey $conn.AccessKey -SecretKey $conn.SecretKey
        $s.CrawlerName | Should -Be $crawlerC
    }

    It 'says what it needs when given neither a crawler nor a local stack' {
        { Start-KvsCrawler @conn -ErrorAction Stop } | Should -Throw -ErrorId 'KvsStartCrawlerNoTarget*'
        { New-KvsSampleDetection -Count 2 | Start-KvsCrawler -ErrorAction Stop } | Should -Throw -ErrorId 'KvsStartCrawlerNoTarget*'
    }

    It 'reports a missing crawler and goes on with the other names' {
        $out = Start-KvsCrawler -Name "missing-$suffix", $crawlerC @conn -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out.CrawlerName | Should -Be $crawlerC
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be "missing-$suffix"
    }
}

Describe 'The crawler of a local stack' {
    It 'starts and reports through the same cmdlets and the same status type as on AWS' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) "kvs-crawler-$suffix"
        try {
            $stack = New-KvsReportingStack -Local $folder
            $run = New-KvsSampleDetection -Count 200 -Seed 3 | Start-KvsCrawler -Local $folder
            $run.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
            $run.LastCrawl.RowsAdded | Should -Be 200

            $status = $stack | Get-KvsCrawlerStatus
            $status.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
            $status.CrawlerName | Should -Be $stack.CrawlerName
            $status.State | Should -Be 'READY'
            $status.LastCrawlStatus | Should -Be 'SUCCEEDED'
            $status.LocalPath | Should -Be $stack.LocalPath

            { Get-KvsCrawlerStatus -Local $folder -Name 'NoSuchCrawler' -ErrorAction Stop } | Should -Throw -ErrorId 'KvsGetCrawlerNotFound*'
            Start-KvsCrawler -Local $folder -Path (Join-Path $folder 'none.jsonl') -WhatIf | Should -BeNullOrEmpty
        }
        finally {
            Remove-KvsReportingStack -Local $folder -Confirm:$false -ErrorAction SilentlyContinue
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Stop-KvsCrawler and Wait-KvsCrawler' {
    It 'returns at once for a READY crawler' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        (Wait-KvsCrawler -Name $crawlerB @conn -Timeout 20).State | Should -Be 'READY'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'warns, and changes nothing, when the crawler is not running' {
        $s = Stop-KvsCrawler -Name $crawlerB @conn -WarningVariable warns -WarningAction SilentlyContinue
        $s.State | Should -Be 'READY'
        $warns[0] | Should -Match 'not running'
    }

    It 'honours -WhatIf, stops a running crawl, and times out clearly when it never becomes READY' {
        Invoke-KvsTestBoto3 "client('glue').start_crawler(Name='$crawlerA')"
        Stop-KvsCrawler -Name $crawlerA @conn -WhatIf | Should -BeNullOrEmpty
        (Get-KvsCrawlerStatus -Name $crawlerA @conn).State | Should -Be 'RUNNING'

        (Stop-KvsCrawler -Name $crawlerA @conn -Confirm:$false).State | Should -Be 'STOPPING'

        # moto never moves a crawler from STOPPING back to READY, so the wait must end in its timeout error.
        $sw = [Diagnostics.Stopwatch]::StartNew()
        { Wait-KvsCrawler -Name $crawlerA @conn -Timeout 3 -ErrorAction Stop } | Should -Throw -ErrorId 'KvsWaitCrawlerTimeout*'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 15
        try { Wait-KvsCrawler -Name $crawlerA @conn -Timeout 00:00:02 -ErrorAction Stop } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.TargetObject.CrawlerName | Should -Be $crawlerA
        $err.Exception.Message | Should -Match 'STOPPING'
    }

    It 'takes crawler names through the pipeline from status objects' {
        $s = Get-KvsCrawlerStatus -Name $crawlerB @conn | Wait-KvsCrawler @conn -Timeout 20
        $s.CrawlerName | Should -Be $crawlerB
    }
}
