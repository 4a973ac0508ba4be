@{
    RootModule           = 'KvsReporting.psm1'
    ModuleVersion        = '0.2.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5d0b7f0e-3c4a-4b59-9d1e-6f2f8e0a4c21'
    Author               = 'KvsReporting contributors'
    CompanyName          = 'KvsReporting'
    Copyright            = '(c) KvsReporting contributors. Licensed under the Apache License 2.0.'
    Description          = 'Reporting for the KVS license-plate detection system: deploy the reporting stack, run the Glue crawler, query detections with Athena as typed objects, wire QuickSight, and run the same reports offline on an embedded DuckDB engine.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @(
        'KvsReporting.Stack.format.ps1xml',
        'KvsReporting.Crawler.format.ps1xml',
        'KvsReporting.Query.format.ps1xml',
        'KvsReporting.Detection.format.ps1xml',
        'KvsReporting.DataSource.format.ps1xml',
        'KvsReporting.QuickSight.format.ps1xml',
        'KvsReporting.Diagnostic.format.ps1xml',
        'KvsReporting.Report.format.ps1xml'
    )
    TypesToProcess       = @('KvsReporting.types.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Add-KvsQuickSightPolicy',
        'Export-KvsReport',
        'Export-KvsReportingTemplate',
        'Get-KvsAthenaDataSource',
        'Get-KvsCrawlerStatus',
        'Get-KvsDetection',
        'Get-KvsDetectionSummary',
        'Get-KvsPlateHistory',
        'Get-KvsQueryExecution',
        'Get-KvsQuickSightDataSet',
        'Get-KvsQuickSightPolicy',
        'Get-KvsReportingStack',
        'Invoke-KvsAthenaQuery',
        'New-KvsAthenaDataSource',
        'New-KvsQuickSightDataSet',
        'New-KvsReportingStack',
        'New-KvsSampleDetection',
        'Remove-KvsAthenaDataSource',
        'Remove-KvsQuickSightDataSet',
        'Remove-KvsQuickSightPolicy',
        'Remove-KvsReportingStack',
        'Start-KvsCrawler',
        'Stop-KvsAthenaQuery',
        'Stop-KvsCrawler',
        'Test-KvsReportingStack',
        'Update-KvsReportingStack',
        'Wait-KvsCrawler',
        'Write-KvsDetection'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'Athena', 'Glue', 'QuickSight', 'DynamoDB', 'KinesisVideoStreams', 'Rekognition', 'DuckDB', 'Reporting', 'LicensePlate', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/kvsreporting/KvsReporting'
            ReleaseNotes = 'See CHANGELOG.md in the module folder.'
        }
    }
}
