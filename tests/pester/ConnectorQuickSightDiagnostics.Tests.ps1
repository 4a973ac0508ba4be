BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
}

Describe 'Connector, QuickSight and diagnostics cmdlets' {
    It '<Name> supports -WhatIf/-Confirm with ConfirmImpact <Impact>' -ForEach @(
        @{ Name = 'New-KvsAthenaDataSource'; Impact = 'Medium' }
        @{ Name = 'Remove-KvsAthenaDataSource'; Impact = 'High' }
        @{ Name = 'Add-KvsQuickSightPolicy'; Impact = 'Medium' }
        @{ Name = 'Remove-KvsQuickSightPolicy'; Impact = 'High' }
        @{ Name = 'New-KvsQuickSightDataSet'; Impact = 'Medium' }
        @{ Name = 'Remove-KvsQuickSightDataSet'; Impact = 'High' }
    ) {
        $command = Get-Command $Name -Module KvsReporting
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        $attribute.ConfirmImpact | Should -Be $Impact
    }

    It '<Name> has a format view that shows <Column>' -ForEach @(
        @{ Name = 'KvsReporting.Connector.KvsAthenaDataSource'; Column = 'ConnectorStack' }
        @{ Name = 'KvsReporting.QuickSight.KvsQuickSightPolicy'; Column = 'Scope' }
        @{ Name = 'KvsReporting.QuickSight.KvsQuickSightDataSet'; Column = 'ImportMode' }
        @{ Name = 'KvsReporting.Diagnostics.KvsDiagnostic'; Column = 'Fix' }
    ) {
        $type = (Get-Command Test-KvsReportingStack).ImplementingType.Assembly.GetType($Name, $true)
        $text = [Activator]::CreateInstance($type) | Format-Table | Out-String
        $text | Should -Match $Column
    }

    It 'binds a stack object''s properties into Test-KvsReportingStack and Add-KvsQuickSightPolicy' {
        foreach ($cmd in 'Test-KvsReportingStack', 'Add-KvsQuickSightPolicy', 'New-KvsAthenaDataSource', 'New-KvsQuickSightDataSet') {
            $bound = (Get-Command $cmd).Parameters.Values | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true } | ForEach-Object Name
            $stackProperties = [KvsReporting.Stack.KvsReportingStack].GetProperties().Name
            @($bound | Where-Object { $_ -in $stackProperties }).Count | Should -BeGreaterThan 0 -Because "$cmd must take something from a stack object"
        }
    }

    It '<Name> refuses a piped local stack with one error on the stack''s folder' -ForEach @(
        @{ Name = 'New-KvsAthenaDataSource' }
        @{ Name = 'Get-KvsAthenaDataSource' }
        @{ Name = 'Remove-KvsAthenaDataSource' }
        @{ Name = 'Add-KvsQuickSightPolicy' }
        @{ Name = 'Get-KvsQuickSightPolicy' }
        @{ Name = 'Remove-KvsQuickSightPolicy' }
        @{ Name = 'New-KvsQuickSightDataSet' }
        @{ Name = 'Get-KvsQuickSightDataSet' }
        @{ Name = 'Remove-KvsQuickSightDataSet' }
    ) {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("kvs-awsonly-" + [guid]::NewGuid().ToString('N'))
        try {
            $stack = New-KvsReportingStack -Local $folder
            $expected = 'Kvs' + ($Name -replace '-Kvs', '') + 'LocalStack'
            $caught = $null
            $aws = @{ Region = 'us-east-1'; AccessKey = 'AKIAEXAMPLE'; SecretKey = 'not-used'; EndpointUrl = 'http://127.0.0.1:9' }
            if ((Get-Command $Name).Parameters.ContainsKey('Confirm')) { $aws.Confirm = $false }
            try { $stack | & $Name @aws -ErrorAction Stop }
            catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike "$expected,*"
            $caught.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $caught.TargetObject | Should -Be $stack.LocalPath
            $caught.Exception.Message | Should -Match 'local stack'
            $caught.ErrorDetails.RecommendedAction | Should -Match 'Export-KvsReport -Local'
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'rejects an invalid data source name before calling AWS' {
        { New-KvsAthenaDataSource -Name 'kvs workshop' -SpillBucket 'kvs-spill' -Region us-east-1 -AccessKey AKIAEXAMPLE -SecretKey not-used -EndpointUrl http://127.0.0.1:9 -ErrorAction Stop } |
            Should -Throw -ErrorId 'KvsNewAthenaDataSourceInvalidName*'
    }
}
