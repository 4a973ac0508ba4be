# Reports on a local stack through the built module: summaries, plate history, the HTML report and their views.
BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $script:root = Join-Path ([IO.Path]::GetTempPath()) "kvs-pester-report-$([guid]::NewGuid().ToString('N'))"
    $script:stackPath = Join-Path $root 'stack'
    $script:stack = New-KvsReportingStack -Local $stackPath
    $script:count = 3000
    New-KvsSampleDetection -Count $count -Seed 11 -Start '2025-06-01' -End '2025-06-15' | Start-KvsCrawler -Local $stackPath | Out-Null
}

AfterAll {
    Remove-KvsReportingStack -Local $stackPath -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-KvsDetectionSummary on a local stack' {
    It 'counts every detection exactly once by <_>' -ForEach @('Hour', 'Day', 'Weekday', 'Plate', 'Camera', 'ConfidenceBand') {
        $rows = @(Get-KvsDetectionSummary -Local $stackPath -By $_)
        ($rows | Measure-Object Detections -Sum).Sum | Should -Be $count
        # Each share is rounded to 2 decimals, so their sum may be off by up to 0.005 per group.
        [math]::Abs(($rows | Measure-Object Percent -Sum).Sum - 100) | Should -BeLessOrEqual (0.005 * $rows.Count + 1e-9)
        $rows | ForEach-Object { $_.DistinctPlates | Should -BeLessOrEqual $_.Detections }
    }

    It 'takes the stack from the pipeline' {
        $rows = @($stack | Get-KvsDetectionSummary -By Camera)
        ($rows | Measure-Object Detections -Sum).Sum | Should -Be $count
        $rows[0].LocalPath | Should -Be $stack.LocalPath
    }

    It 'shows a table grouped by dimension' {
        $text = Get-KvsDetectionSummary -Local $stackPath -By Weekday | Format-Table | Out-String -Width 160
        $text | Should -Match 'Dimension: Weekday'
        $text | Should -Match 'Key\s+Detections\s+Percent\s+Plates'
        $text | Should -Match 'Monday'
    }

    It 'names the stack and the fix when nothing was crawled yet' {
        $empty = Join-Path $root 'empty'
        $null = New-KvsReportingStack -Local $empty
        $err = $null
        try { $null = Get-KvsDetectionSummary -Local $empty -By Hour } catch { $err = $_ }
        Remove-KvsReportingStack -Local $empty -Confirm:$false
        $err.FullyQualifiedErrorId | Should -BeLike 'KvsGetDetectionSummaryTableNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $empty
        $err.ErrorDetails.RecommendedAction | Should -Match 'Start-KvsCrawler'
        "$err" | Should -Not -Match 'at KvsReporting\.'  # no .NET stack trace for an expected failure
    }
}

Describe 'Get-KvsPlateHistory on a local stack' {
    It 'lists every sighting of the busiest plates, numbered, with gaps' {
        $top = @(Get-KvsDetectionSummary -Local $stackPath -By Plate -Top 3)
        $sightings = @($top | Get-KvsPlateHistory)
        $sightings.Count | Should -Be ($top | Measure-Object Detections -Sum).Sum
        foreach ($plate in $top) {
            $mine = @($sightings | Where-Object LicensePlate -EQ $plate.Key)
            $mine[0].SincePrevious | Should -BeNullOrEmpty
            $mine[-1].Sighting | Should -Be $plate.Detections
            $mine[-1].Timestamp | Should -Be $plate.Last
        }
        ($sightings | Format-Table | Out-String -Width 200) | Should -Match 'SincePrevious'
    }
}

Describe 'Export-KvsReport on a local stack' {
    It 'writes one self-contained HTML file and returns what it holds' {
        $path = Join-Path $root 'report.html'
        $report = $stack | Export-KvsReport -Path $path -Title 'Pester report'
        $report.Path | Should -Be $path
        $report.Detections | Should -Be $count
        $report.Length | Should -Be (Get-Item $path).Length
        $html = Get-Content -Raw $path
        $html | Should -Match 'Chart\.js v4'
        $html | Should -Not -Match '<script[^>]+src='
        ($report | Format-Table | Out-String -Width 200) | Should -Match 'report\.html'
    }

    It 'honours -WhatIf' {
        $path = Join-Path $root 'whatif.html'
        Export-KvsReport -Local $stackPath -Path $path -WhatIf | Should -BeNullOrEmpty
        $path | Should -Not -Exist
    }
}
