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

Describe 'Query executions on a local stack' {
    It 'gets a local run by the id Invoke-KvsAthenaQuery gives it' {
        $execution = Invoke-KvsAthenaQuery -Local $folder 'SELECT license_plate FROM licenseplatedetections LIMIT 3' -PassThru | Select-Object -Last 1
        [guid]::Parse($execution.QueryExecutionId) | Should -Not -BeNullOrEmpty
        $got = Get-KvsQueryExecution -Local $folder -QueryExecutionId $execution.QueryExecutionId
        $got.State | Should -Be 'SUCCEEDED'
        $got.RowsReturned | Should -Be 3
        $got.Query | Should -Be 'SELECT license_plate FROM licenseplatedetections LIMIT 3'
        ($got | Format-List | Out-String) | Should -Match 'RowsReturned\s*:\s*3'
        ($execution | Get-KvsQueryExecution).QueryExecutionId | Should -Be $execution.QueryExecutionId
    }

    It 'lists recent local executions from a stack object in the pipeline, newest first' {
        $null = Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS first_of_two'
        $null = Get-KvsDetection -Local $folder -First 1
        $recent = @(Get-KvsReportingStack -Local $folder | Get-KvsQueryExecution -First 2)
        $recent | Should -HaveCount 2
        $recent[1].Query | Should -Be 'SELECT 1 AS first_of_two'
        $recent[0].Query | Should -Match 'licenseplatedetections'
        $recent | ForEach-Object { $_.WorkGroup | Should -Be 'KVSWorkshopWorkgroup'; $_.LocalPath | Should -Be (Get-KvsReportingStack -Local $folder).LocalPath }
        ($recent | Format-Table | Out-String) | Should -Match 'QueryExecutionId\s+State'
    }

    It 'records a failed query with its reason' {
        { Invoke-KvsAthenaQuery -Local $folder 'SELECT * FROM no_such_table' -ErrorAction Stop } | Should -Throw -ErrorId 'KvsInvokeQueryTableNotFound*'
        $failed = Get-KvsQueryExecution -Local $folder -First 1
        $failed.State | Should -Be 'FAILED'
        $failed.StateChangeReason | Should -Match 'no_such_table'
    }

    It 'records a query stopped by -Timeout as CANCELLED' {
        { Invoke-KvsAthenaQuery -Local $folder 'SELECT sum(hash(i)) FROM range(50000000000) t(i)' -Timeout 0.5 -ErrorAction Stop } | Should -Throw -ErrorId 'KvsInvokeQueryTimeout*'
        (Get-KvsQueryExecution -Local $folder -First 1).State | Should -Be 'CANCELLED'
    }

    It 'stops a finished query without error and leaves it as it was, as Athena does' {
        $execution = Invoke-KvsAthenaQuery -Local $folder 'SELECT 1 AS one' -PassThru | Select-Object -Last 1
        $after = $execution | Stop-KvsAthenaQuery -Confirm:$false -PassThru
        $after.State | Should -Be 'SUCCEEDED'
    }

    It 'gives the errors Athena gives for unknown ids' {
        $missing = [guid]::NewGuid().ToString()
        Get-KvsQueryExecution -Local $folder -QueryExecutionId $missing -ErrorVariable getErrors -ErrorAction SilentlyContinue
        $getErrors[0].FullyQualifiedErrorId | Should -BeLike 'KvsGetQueryExecutionNotFound*'
        $getErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Stop-KvsAthenaQuery -Local $folder -QueryExecutionId $missing -Confirm:$false -ErrorVariable stopErrors -ErrorAction SilentlyContinue
        $stopErrors[0].FullyQualifiedErrorId | Should -BeLike 'KvsStopQueryExecutionNotFound*'
        $stopErrors[0].TargetObject | Should -Be $missing
    }
}

Describe 'Query cmdlets' {
    It 'are exported with help synopses and output types' {
        foreach ($name in 'Invoke-KvsAthenaQuery', 'Get-KvsDetection', 'Get-KvsQueryExecution', 'Stop-KvsAthenaQuery') {
            $command = Get-Command $name -Module KvsReporting
            $command.OutputType.Count | Should -BeGreaterThan 0
        }
        (Get-Command Stop-KvsAthenaQuery).Parameters.Keys | Should -Contain 'WhatIf'
        foreach ($name in 'Invoke-KvsAthenaQuery', 'Get-KvsQueryExecution', 'Stop-KvsAthenaQuery') {
            (Get-Command $name).Parameters['Local'].Aliases | Should -Contain 'LocalPath'
            (Get-Command $name).Parameters['Local'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Not -Contain $false
        }
    }
}
