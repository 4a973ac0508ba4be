# Every exported cmdlet has complete external help, built from docs/help, and every example in it runs.
BeforeDiscovery {
    $manifestPath = $env:KVS_MODULE_MANIFEST
    $repoRoot = if ($env:KVS_REPO_ROOT) { $env:KVS_REPO_ROOT } else { Split-Path (Split-Path $PSScriptRoot) }
    $helpSource = Join-Path $repoRoot 'docs/help'
    Import-Module (Join-Path $PSScriptRoot 'HelpExamples.psm1') -Force
    $cmdlets = @((Import-PowerShellDataFile $manifestPath).CmdletsToExport | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $pages = @(Get-ChildItem $helpSource -Filter '*.md' | Where-Object { $_.Name -notlike 'about_*' -and $_.Name -notlike '_*' -and $_.Name -ne 'README.md' } |
            ForEach-Object { @{ Name = $_.BaseName; Path = $_.FullName } })
    $examples = @(foreach ($page in $pages) {
            foreach ($example in (Get-HelpExample -Path $page.Path)) {
                @{ Example = $example; Command = $example.Command; Number = $example.Number; Title = $example.Title; Manual = $example.Requires -contains 'manual' }
            }
        })
}

BeforeAll {
    $script:manifestPath = $env:KVS_MODULE_MANIFEST
    $script:repoRoot = if ($env:KVS_REPO_ROOT) { $env:KVS_REPO_ROOT } else { Split-Path (Split-Path $PSScriptRoot) }
    $script:helpSource = Join-Path $repoRoot 'docs/help'
    Import-Module $manifestPath -Force
    Import-Module (Join-Path $PSScriptRoot 'HelpExamples.psm1') -Force
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters
    # parameters a cmdlet hides ([Parameter(DontShow = true)]) are left out of help, as platyPS does
    function Get-VisibleParameter($Command) {
        $Command.Parameters.Values | Where-Object {
            $declared = @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            $common -notcontains $_.Name -and ($declared | Where-Object { -not $_.DontShow })
        }
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets -Tag Help {
    BeforeAll {
        $script:command = Get-Command $Name -Module KvsReporting
        $script:help = Get-Help $Name -Full
        $script:page = Join-Path $helpSource "$Name.md"
    }

    It 'has a help page docs/help/<Name>.md built into the module' {
        $page | Should -Exist
        # Without MAML, Get-Help makes up help from the syntax and has no description.
        $help.description | Should -Not -BeNullOrEmpty -Because "the MAML for $Name must be found by Get-Help"
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s') -Because 'a synopsis that repeats the syntax is the made-up one'
    }

    It 'has a description' {
        ($help.description.Text -join ' ').Trim().Length | Should -BeGreaterThan 40
    }

    It 'describes every parameter' {
        $parameters = @(Get-VisibleParameter $command | ForEach-Object Name)
        foreach ($parameter in $parameters) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must be in the help"
            ($entry.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'states every parameter''s binding facts exactly as the cmdlet declares them' {
        foreach ($parameter in Get-VisibleParameter $command) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            $sets = @($parameter.ParameterSets.Values)
            $entry.type.name | Should -Be $parameter.ParameterType.FullName -Because "-$($parameter.Name)'s type"
            $entry.required | Should -Be ($(if (@($sets | Where-Object IsMandatory).Count -eq $sets.Count) { 'true' } else { 'false' })) -Because "-$($parameter.Name) mandatory"
            ($entry.pipelineInput -match 'ByValue') | Should -Be ([bool] ($sets | Where-Object ValueFromPipeline)) -Because "-$($parameter.Name) by value"
            ($entry.pipelineInput -match 'ByPropertyName') | Should -Be ([bool] ($sets | Where-Object ValueFromPipelineByPropertyName)) -Because "-$($parameter.Name) by property name"
            $entry.globbing | Should -Be ($(if ($parameter.Attributes | Where-Object { $_ -is [SupportsWildcards] }) { 'true' } else { 'false' })) -Because "-$($parameter.Name) wildcards"
            foreach ($alias in $parameter.Aliases) { $entry.aliases | Should -Match ([regex]::Escape($alias)) }
        }
    }

    It 'documents no parameter the cmdlet does not have' {
        $documented = Select-String -LiteralPath $page -Pattern '^###\s+-(\w+)' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        foreach ($documentedName in $documented) {
            $command.Parameters.Keys | Should -Contain $documentedName -Because "$Name.md documents -$documentedName"
        }
    }

    It 'has at least two examples, each with code and an explanation' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty -Because $example.title
            ($example.remarks.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs an explanation"
        }
    }

    It 'names its inputs and outputs, each described' {
        foreach ($entry in @($help.inputTypes.inputType) + @($help.returnValues.returnValue)) {
            $entry.type.name | Should -Not -BeNullOrEmpty
            ($entry.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "$($entry.type.name) needs a description"
        }
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
    }

    It 'lists every [OutputType] among its outputs' {
        $documented = @($help.returnValues.returnValue.type.name)
        foreach ($type in $command.OutputType) {
            $expected = if ($type.Type -eq [void]) { 'None' } else { $type.Type.FullName }
            $documented | Should -Contain $expected
        }
    }

    It 'has related links' {
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterThan 0
    }
}

Describe 'Help pages' -Tag Help {
    It 'are each for an exported cmdlet: <Name>.md' -ForEach $pages {
        (Import-PowerShellDataFile $manifestPath).CmdletsToExport | Should -Contain $Name
    }

    It 'are found by Get-Help in a fresh pwsh for cmdlets loaded through the isolated load context' {
        $first = (Import-PowerShellDataFile $manifestPath).CmdletsToExport | Select-Object -First 1
        Push-Location $repoRoot
        try {
            $out = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$manifestPath'; (Get-Help $first -Full).description.Text -join ' '; (Get-Command $first).HelpFile" 2>&1 | Out-String
        }
        finally { Pop-Location }
        $out | Should -Match ([regex]::Escape((Join-Path (Split-Path $manifestPath) 'en-US/KvsReporting.dll-Help.xml')))
        ($out -split "`n")[0].Trim().Length | Should -BeGreaterThan 40 -Because 'the description comes from the MAML'
    }

    It 'about_KvsReporting is found by Get-Help and explains the workflow' {
        $text = Get-Help about_KvsReporting | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        foreach ($topic in 'New-KvsReportingStack', 'Start-KvsCrawler', 'New-KvsAthenaDataSource', 'Invoke-KvsAthenaQuery', 'Add-KvsQuickSightPolicy', 'Test-KvsReportingStack', '-Local', 'Pester', 'AWS_ENDPOINT_URL') {
            $text | Should -Match ([regex]::Escape($topic)) -Because 'the topic walks the workflow on AWS and on the embedded engine, and runbook testing'
        }
    }
}

Describe 'Help examples' -Tag Help, HelpExamples {
    BeforeAll {
        # What a deployed reporting stack provides, under the seed's names, for examples that need AWS.
        if ($env:KVS_MOTO_CONFIG) {
            $moto = Get-Content -Raw $env:KVS_MOTO_CONFIG | ConvertFrom-Json
            $env:PYTHONPATH, $saved = $moto.pythonPath, $env:PYTHONPATH
            try {
                $out = & $moto.python (Join-Path $PSScriptRoot 'HelpExamples.seed.py') $env:KVS_MOTO_CONFIG 2>&1
                if ($LASTEXITCODE -ne 0) { throw "Seeding moto for the help examples failed: $out" }
            }
            finally { $env:PYTHONPATH = $saved }
        }
    }

    It '<Command>: <Title>' -ForEach $examples {
        if ($Manual) {
            Set-ItResult -Skipped -Because 'the example is marked "# requires: manual"'
            return
        }
        if (($Example.Requires -contains 'aws' -or $Example.Requires -contains 'aws-stack') -and -not $env:KVS_MOTO_CONFIG) {
            Set-ItResult -Skipped -Because 'KVS_MOTO_CONFIG is not set (the test rig is not running)'
            return
        }
        $work = Join-Path $TestDrive "$Command-$Number"
        $errors = Invoke-HelpExample -Example $Example -ManifestPath $manifestPath -WorkingDirectory $work -MotoConfig $env:KVS_MOTO_CONFIG
        $errors | Should -BeNullOrEmpty -Because "the example's code is:`n$($Example.Code)"
    }
}
