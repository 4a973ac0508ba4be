BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("kvs-query-pester-" + [guid]::NewGuid().ToString('N'))
    New-KvsReportingStack -Local $folder | Out-Null
    New-KvsSampleDetection -Count 300 -Seed 11 | Start-KvsCrawler -Local $folder -Wait | Out-Null
}

AfterAll {
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Invoke-KvsAthenaQuery on a local stack' {
    It 'runs the seed query as written and pipes from the stack object' {
        $rows = Get-KvsReportingStack -Local $folder |
            Invoke-KvsAthenaQuery -Query 'SELECT * FROM "default"."licenseplatedetections" limit 10' -Catalog kvsworkshop -Database default
        $rows | Should -HaveCount 10
        $rows[0].PSObject.Properties.Name | Should -Be @('image_name', 'license_plate', 'confidence', 'bucket_name', 'timestamp')
    }

    It 'binds -Parameter values as data' {
        $plate = (Invoke-KvsAthenaQuery -Local $folder 'SELECT license_plate FROM licenseplatedetections ORDER BY image_name LIMIT 1').license_plate
        (Invoke-KvsAthenaQuery -Local $folder 'SELECT count(*) AS n FROM licenseplatedetections WHERE license_plate = ?' -Parameter $plate).n | Should -BeGreaterOrEqual 1
        (Invoke-KvsAthenaQuery -Local $folder 'SELECT count(*) AS n FROM licenseplatedetections WHERE license_plate = ?' -Parameter "' OR '1'='1").n | Should -Be 0
    }

    It 'writes the execution with -PassThru and formats it as a table and a list' {
        $out = Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS x' -PassThru
        $execution = $out[-1]
        $execution.PSObject.TypeNames[0] | Should -Be 'KvsReporting.Queries.KvsQueryExecution'
        $table = $execution | Format-Table | Out-String
        $table | Should -Match 'QueryExecutionId\s+State\s+Submitted \(UTC\)'
        $table | Should -Match 'SUCCEEDED'
        ($execution | Format-List | Out-String) | Should -Match 'EstimatedCostUsd\s*:\s*0'
    }
}

Describe 'Get-KvsDetection on a local stack' {
    It 'returns typed detections with the detection view' {
        $d = Get-KvsDetection -Local $folder -MinConfidence 90 -First 5
        $d | Should -HaveCount 5
        $d | ForEach-Object { $_.Confidence | Should -BeGreaterOrEqual 90 }
        $d[0].Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
        $d[0].ImageUri | Should -BeLike 's3://*'
        ($d | Format-Table | Out-String) | Should -Match 'Timestamp \(UTC\)\s+LicensePlate\s+Confidence\s+Camera\s+ImageUri'
    }

    It 'matches plates by wildcard without regard to case' {
        $all = Get-KvsDetection -Local $folder
        $prefix = $all[0].LicensePlate.Substring(0, 2)
        $expected = @($all | Where-Object { $_.LicensePlate.StartsWith($prefix) }).Count
        (Get-KvsDetection -Local $folder -LicensePlate ($prefix.ToLower() + '*')) | Should -HaveCount $expected
    }
}

Describe 'Query cmdlets' {
    It 'are exported with help synopses and output types' {
        foreach ($name in 'Invoke-KvsAthenaQuery', 'Get-KvsDetection', 'Get-KvsQueryExecution', 'Stop-KvsAthenaQuery') {
            $command = Get-Command $name -Module KvsReporting
            $command.OutputType.Count | Should -BeGreaterThan 0
        }
        (Get-Command Stop-KvsAthenaQuery).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command Invoke-KvsAthenaQuery).Parameters['Local'].Aliases | Should -Contain 'LocalPath'
    }
}
