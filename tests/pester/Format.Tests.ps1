# Every type a cmdlet declares with [OutputType] shows as a readable table by default, and every format view
# only names properties its type really has.
BeforeDiscovery {
    $manifestPath = $env:KVS_MODULE_MANIFEST
    Import-Module $manifestPath -Force
    $outputTypes = @(Get-Command -Module KvsReporting -CommandType Cmdlet | ForEach-Object {
            $cmdlet = $_.Name
            foreach ($t in $_.OutputType) {
                # Plain .NET values (a -Quiet boolean, a path string) are formatted by PowerShell itself.
                if ($t.Type -and $t.Type.Namespace -notlike 'System*') { @{ Cmdlet = $cmdlet; TypeName = $t.Type.FullName } }
            }
        } | Group-Object { $_.TypeName } | ForEach-Object { $_.Group[0] })
    $moduleRoot = Split-Path $manifestPath
    $viewFiles = @(Get-ChildItem $moduleRoot -Filter '*.format.ps1xml' | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module $env:KVS_MODULE_MANIFEST -Force
    $script:moduleRoot = Split-Path $env:KVS_MODULE_MANIFEST
    $script:assembly = (Get-Command -Module KvsReporting -CommandType Cmdlet | Select-Object -First 1).ImplementingType.Assembly
}

Describe 'Format view for <TypeName>' -ForEach $outputTypes -Tag Format {
    BeforeAll {
        $script:views = @(Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion)
    }

    It 'has a table view (output of <Cmdlet>)' {
        $table = $views.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        $table | Should -Not -BeNullOrEmpty -Because "$TypeName is written by $Cmdlet"
    }

    It 'shows at most 7 columns in its table' {
        $table = $views.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        @($table.Control.Headers).Count | Should -BeLessOrEqual 7 -Because 'the default table must fit a terminal: the few columns that matter'
    }
}

Describe 'ToString of <TypeName>' -ForEach $outputTypes -Tag Format {
    It 'is the type''s own, not the bare type name' {
        $type = $assembly.GetType($TypeName)
        $type.GetMethod('ToString', [type[]] @()).DeclaringType | Should -Be $type -Because "Write-Host, string interpolation and Format-List of nested objects show ToString()"
    }
}

Describe 'Type data' -Tag Format {
    It 'adds computed properties that work on real objects' {
        $detection = New-KvsSampleDetection -Count 1 -Seed 1
        $detection.LocalTime | Should -Be $detection.Timestamp.LocalDateTime
    }
}

Describe 'Format file <Name>' -ForEach $viewFiles -Tag Format {
    It 'names only properties that exist on the type it formats' {
        [xml] $xml = Get-Content -Raw -LiteralPath $Path
        $typeData = Get-TypeData
        foreach ($view in $xml.Configuration.ViewDefinitions.View) {
            foreach ($typeName in @($view.ViewSelectedBy.TypeName)) {
                $type = $assembly.GetType($typeName) ?? ($typeName -as [type])
                $type | Should -Not -BeNullOrEmpty -Because "view '$($view.Name)' selects $typeName"
                $extra = @(($typeData | Where-Object TypeName -EQ $typeName).Members.Keys)
                $properties = @($type.GetProperties().Name) + $extra
                $names = @($view.SelectNodes('.//PropertyName') | ForEach-Object InnerText)
                foreach ($name in $names) {
                    $properties | Should -Contain $name -Because "view '$($view.Name)' shows $typeName.$name"
                }
            }
        }
    }
}
