# Test-KvsReportingStack on a local stack through the built module: the runbook a user writes against AWS reads a
# local stack's diagnosis the same way (check names, statuses, -Quiet, error ids).
BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ("kvs-diag-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
}

AfterAll {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Test-KvsReportingStack -Local' -Tag 'Local' {
    BeforeEach {
        $script:stackDir = Join-Path $work ([guid]::NewGuid().ToString('N'))
    }

    It 'takes -Local (alias LocalPath) by property name in every parameter set, so a piped stack object picks the engine' {
        $parameter = (Get-Command Test-KvsReportingStack).Parameters['Local']
        $parameter.Aliases | Should -Contain 'LocalPath'
        $parameter.ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Not -Contain $false
        $parameter.ParameterSets.Keys | Should -Be '__AllParameterSets'
    }

    It 'passes a crawled stack piped from Get-KvsReportingStack, under the check names the AWS diagnosis uses' {
        $null = New-KvsReportingStack -Local $stackDir -StackName pester-diag
        $null = New-KvsSampleDetection -Count 300 -Seed 8 | Start-KvsCrawler -Local $stackDir

        $rows = Get-KvsReportingStack -Local $stackDir | Test-KvsReportingStack
        $rows | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique | Should -Be 'KvsReporting.Diagnostics.KvsDiagnostic'
        $rows | Where-Object Status -NE 'Pass' | ForEach-Object { "$($_.Check): $($_.Detail)" } | Should -BeNullOrEmpty
        $rows.StackName | Sort-Object -Unique | Should -Be 'pester-diag'
        foreach ($shared in 'Stack status', 'Glue database', 'Last crawl', 'Detections table', 'Workgroup result location', 'Connector catalog', 'Smoke query') {
            $rows.Check | Should -Contain $shared
        }
        Get-KvsReportingStack -Local $stackDir | Test-KvsReportingStack -Quiet | Should -BeTrue
    }

    It 'gates a runbook on a stack that was never crawled: -Quiet is false and the failed rows name the crawl' {
        $null = New-KvsReportingStack -Local $stackDir
        Test-KvsReportingStack -Local $stackDir -Quiet | Should -BeFalse
        $failed = Test-KvsReportingStack -Local $stackDir -SkipQuery | Where-Object Status -EQ 'Fail'
        $failed.Check | Should -Contain 'Detections table'
        $failed | ForEach-Object { $_.Fix | Should -Match ([regex]::Escape("Start-KvsCrawler -Local '$stackDir'")) }
    }

    It 'reports a missing folder as a failed row carrying the error id Get-KvsReportingStack raises, without an error' {
        $row = Test-KvsReportingStack -Local $stackDir -ErrorVariable diagErrors
        $diagErrors | Should -BeNullOrEmpty
        $row.Check | Should -Be 'Stack status'
        $row.Status | Should -Be 'Fail'
        $err = $null
        try { Get-KvsReportingStack -Local $stackDir -ErrorAction Stop } catch { $err = $_ }
        $row.ErrorId | Should -Be ($err.FullyQualifiedErrorId -split ',')[0]
        Test-KvsReportingStack -Local $stackDir -Quiet | Should -BeFalse
    }
}
