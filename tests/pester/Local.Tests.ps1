# The embedded engine through the built module in a clean session: the demo a newcomer runs, and the -Local
# stack cmdlets' contract (pipeline binding, -WhatIf, typed errors).
BeforeAll {
    $script:manifestPath = $env:KVS_MODULE_MANIFEST
    $script:moduleRoot = Split-Path $manifestPath
    $script:repoRoot = $env:KVS_REPO_ROOT
    Import-Module $manifestPath -Force
    . (Join-Path $repoRoot 'tools/LocalQuery.ps1')
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ("kvs-local-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
}

AfterAll {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The demo on a fresh machine' -Tag 'Local' {
    It 'creates a local stack, crawls sample detections and prints the seed query and the summary' {
        $out = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $repoRoot 'tools/Invoke-Demo.ps1') -ModuleRoot $moduleRoot -OutputRoot $work -Count 5000 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $out
        $out | Should -Match 'licenseplatedetections'
        $out | Should -Match 'image_name'
        $out | Should -Match 'gate-(north|south)/2025/06/0\d/\d\d/'
        $out | Should -Match 'summary per plate per hour'
        Join-Path $work 'demo/stack/stack.json' | Should -Exist
    }
}

Describe 'Local stack cmdlets' -Tag 'Local' {
    BeforeEach {
        $script:stackDir = Join-Path $work ([guid]::NewGuid().ToString('N'))
    }

    It 'binds a stack object to the next cmdlet by LocalPath' {
        $stack = New-KvsReportingStack -Local $stackDir -StackName pester
        $stack.Kind | Should -Be 'Local'
        $status = New-KvsSampleDetection -Count 100 -Seed 1 -Start 2025-06-02 -End 2025-06-03 | Start-KvsCrawler -Local $stack.LocalPath
        $status.LastCrawl.RowsAdded | Should -Be 100
        # objects from a pipeline cannot be read again: a later crawl finds nothing new and says why
        $again = Get-KvsReportingStack -Local $stackDir | Start-KvsCrawler -Wait -WarningVariable warned -WarningAction SilentlyContinue
        $again.LastCrawl.Status | Should -Be 'SUCCEEDED'
        $again.LastCrawl.RowsRead | Should -Be 0
        "$warned" | Should -Match 'cannot be read again'
        (Invoke-LocalStackQuery -Local $stackDir -Query 'SELECT count(*) AS n FROM "default"."licenseplatedetections"').n | Should -Be 100
    }

    It 'removes nothing under -WhatIf and everything it owns otherwise' {
        $null = New-KvsReportingStack -Local $stackDir
        Get-KvsReportingStack -Local $stackDir | Remove-KvsReportingStack -WhatIf
        Join-Path $stackDir 'kvsreporting.duckdb' | Should -Exist
        Get-KvsReportingStack -Local $stackDir | Remove-KvsReportingStack -Confirm:$false
        $stackDir | Should -Not -Exist
    }

    It 'reports a missing stack as ObjectNotFound on the folder' {
        { Get-KvsReportingStack -Local $stackDir -ErrorAction Stop } | Should -Throw -ErrorId 'KvsGetStackNotFound*'
        try { Get-KvsReportingStack -Local $stackDir -ErrorAction Stop } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be ([IO.Path]::GetFullPath($stackDir))
    }
}

Describe 'Wait, Stop, Write and Update on a local stack, as on AWS' -Tag 'Local' {
    BeforeEach {
        $script:stackDir = Join-Path $work ([guid]::NewGuid().ToString('N'))
        $script:stack = New-KvsReportingStack -Local $stackDir -StackName pester-ops
    }
    AfterEach {
        Remove-KvsReportingStack -Local $stackDir -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'writes detections from the pipeline, queryable at once, and a rerun of the runbook adds no rows' {
        $detections = New-KvsSampleDetection -Count 150 -Seed 21 -Start 2025-06-02 -End 2025-06-04
        $written = $detections | Write-KvsDetection -Local $stack.LocalPath
        $written.GetType().FullName | Should -Be 'KvsReporting.Detections.KvsDetectionWriteResult'
        $written.TableName | Should -Be $stack.TableName
        $written.Written | Should -Be 150
        $again = $detections | Write-KvsDetection -Local $stack.LocalPath
        $again.Added | Should -Be 0
        $again.Unchanged | Should -Be 150
        ($stack | Invoke-KvsAthenaQuery -Query 'SELECT count(*) AS n FROM "kvsworkshop"."default"."licenseplatedetections"').n | Should -Be 150
        $plate = $detections[0].LicensePlate
        $found = @($stack | Get-KvsDetection -LicensePlate $plate)
        $found.Count | Should -Be @($detections | Where-Object LicensePlate -EQ $plate).Count
        $found[0].GetType().FullName | Should -Be 'KvsReporting.Detections.LicensePlateDetection'
    }

    It 'honours -WhatIf when writing, and names the table a mistaken -TableName does not find' {
        New-KvsSampleDetection -Count 5 | Write-KvsDetection -Local $stackDir -WhatIf | Should -BeNullOrEmpty
        { Invoke-KvsAthenaQuery -Local $stackDir -Query 'SELECT * FROM licenseplatedetections' -ErrorAction Stop } | Should -Throw -ErrorId 'KvsInvokeQueryTableNotFound*'
        { New-KvsSampleDetection -Count 5 | Write-KvsDetection -Local $stackDir -TableName NoSuchTable -ErrorAction Stop } | Should -Throw -ErrorId 'KvsWriteDetectionTableNotFound*'
    }

    It 'runs the write-crawl-wait runbook of AWS unchanged on the stack object' {
        New-KvsSampleDetection -Count 40 -Seed 4 | Write-KvsDetection -Local $stack.LocalPath | Out-Null
        $crawled = $stack | Start-KvsCrawler -Wait -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -BeNullOrEmpty
        $waited = $stack | Wait-KvsCrawler -Timeout 60
        $waited.GetType().FullName | Should -Be 'KvsReporting.Crawler.KvsCrawlerStatus'
        $waited.State | Should -Be 'READY'
        $waited.LastCrawlStatus | Should -Be 'SUCCEEDED'
        $waited.LastCrawlStartTime | Should -Be $crawled.LastCrawlStartTime
        ($stack | Get-KvsCrawlerStatus | Wait-KvsCrawler).CrawlerName | Should -Be $stack.CrawlerName
    }

    It 'reports a crawler name the stack does not have as AWS reports an unknown crawler' {
        Wait-KvsCrawler -Local $stackDir -Name NoSuchCrawler -ErrorVariable waitErr -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $waitErr[0].FullyQualifiedErrorId | Should -BeLike 'KvsWaitCrawlerNotFound*'
        $waitErr[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $waitErr[0].TargetObject | Should -Be 'NoSuchCrawler'
        Stop-KvsCrawler -Local $stackDir -Name NoSuchCrawler -ErrorVariable stopErr -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $stopErr[0].FullyQualifiedErrorId | Should -BeLike 'KvsStopCrawlerNotFound*'
    }

    It 'stops nothing, with the warning Glue gives for a crawler that is not running' {
        $status = $stack | Stop-KvsCrawler -WarningVariable warned -WarningAction SilentlyContinue
        $status.State | Should -Be 'READY'
        "$warned" | Should -Match 'is not running; nothing to stop'
        $stack | Stop-KvsCrawler -WhatIf -WarningAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'updates the schedule and crawler name through the pipeline and returns the updated stack' {
        $updated = $stack | Update-KvsReportingStack -CrawlerSchedule 'cron(30 2 ? * MON *)' -CrawlerName WeeklyCrawler -Confirm:$false
        $updated.GetType().FullName | Should -Be 'KvsReporting.Stack.KvsReportingStack'
        $updated.CrawlerName | Should -Be 'WeeklyCrawler'
        $updated.Outputs.CrawlerSchedule | Should -Be 'cron(30 2 ? * MON *)'
        (Get-KvsReportingStack -Local $stackDir | Get-KvsCrawlerStatus).ScheduleExpression | Should -Be 'cron(30 2 ? * MON *)'
        $stack | Update-KvsReportingStack -CrawlerSchedule 'cron(0 1 * * ? *)' -WhatIf
        (Get-KvsReportingStack -Local $stackDir).Outputs.CrawlerSchedule | Should -Be 'cron(30 2 ? * MON *)'
    }

    It 'rejects what cannot apply to a local stack with a specific InvalidArgument error' {
        { $stack | Update-KvsReportingStack -Tag @{ team = 'ops' } -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'KvsUpdateStackParameterNotLocal*'
        try { $stack | Update-KvsReportingStack -Tag @{ team = 'ops' } -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        { Update-KvsReportingStack -Local $stackDir -CrawlerSchedule 'daily' -ErrorAction Stop } | Should -Throw -ErrorId 'KvsUpdateStackInvalidCrawlerSchedule*'
    }
}
