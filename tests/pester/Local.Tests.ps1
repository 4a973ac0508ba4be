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
