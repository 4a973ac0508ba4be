<#
.SYNOPSIS
    Writes the binding facts of every cmdlet a module exports as JSON, for the help builder.
.DESCRIPTION
    Runs in a fresh pwsh (Build-Help.ps1 starts it) so the module is imported from the built folder. The facts
    come from PowerShell's own view of each cmdlet (parameter sets, positions, pipeline binding, aliases) and
    from the implementing type (defaults, wildcard support, ValidateSet values, [OutputType]), so help can never
    disagree with what the cmdlet really accepts. Descriptions are not here: they come from docs/help/*.md.
#>
param(
    [Parameter(Mandatory)] [string] $ManifestPath,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module (Resolve-Path -LiteralPath $ManifestPath).ProviderPath -PassThru
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Get-FriendlyTypeName([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-FriendlyTypeName $underlying }
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $args = ($Type.GetGenericArguments() | ForEach-Object { Get-FriendlyTypeName $_ }) -join ', '
        return ($Type.Name -replace '`\d+$', '') + "[$args]"
    }
    $Type.Name
}

function Format-DefaultValue($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $(if ($Value.IsPresent) { 'True' } else { $null }) }
    if ($Value -is [bool] -and -not $Value) { return $null }
    if ($Value -is [string]) { return $(if ($Value) { $Value } else { $null }) }
    if ($Value -is [System.Collections.IEnumerable]) {
        $items = @($Value | ForEach-Object { "$_" })
        return $(if ($items.Count) { $items -join ', ' } else { $null })
    }
    if ($Value -is [timespan]) { return $Value.ToString() }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [ValueType] -and $Value -eq [Activator]::CreateInstance($Value.GetType())) { return $null }
    "$Value"
}

$commands = foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
    $info = Get-Command $name -Module $module.Name
    $type = $info.ImplementingType
    # A fresh instance tells each parameter's default: the property's value before any binding.
    $instance = $null
    try { $instance = [Activator]::CreateInstance($type) } catch { Write-Warning "Cannot create $($type.FullName) to read defaults: $_" }
    $cmdletAttribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1

    # Hidden parameters ([Parameter(DontShow = true)], e.g. a pipeline catch-all) are not part of the help.
    $hidden = @($info.Parameters.Values | Where-Object {
            $declared = @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            $declared.Count -gt 0 -and -not ($declared | Where-Object { -not $_.DontShow })
        } | ForEach-Object Name)
    $parameters = foreach ($p in $info.Parameters.Values) {
        if ($common -contains $p.Name -or $hidden -contains $p.Name) { continue }
        $property = $type.GetProperty($p.Name)
        $default = $null
        if ($instance -and $property) {
            try { $default = Format-DefaultValue ($property.GetValue($instance)) } catch { $default = $null }
        }
        $validateSet = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
        $enumValues = $null
        $elementType = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType() } else { $p.ParameterType }
        $elementType = if ([Nullable]::GetUnderlyingType($elementType)) { [Nullable]::GetUnderlyingType($elementType) } else { $elementType }
        if ($elementType.IsEnum) { $enumValues = [enum]::GetNames($elementType) }
        [ordered]@{
            Name              = $p.Name
            Type              = Get-FriendlyTypeName $p.ParameterType
            TypeFullName      = $p.ParameterType.FullName
            IsSwitch          = $p.SwitchParameter
            IsDynamic         = $p.IsDynamic
            Aliases           = @($p.Aliases)
            SupportsWildcards = [bool] ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            DefaultValue      = $default
            PossibleValues    = @(if ($validateSet) { $validateSet.ValidValues } elseif ($enumValues) { $enumValues })
            Sets              = @(foreach ($set in $p.ParameterSets.GetEnumerator()) {
                    [ordered]@{
                        SetName                         = $set.Key
                        IsMandatory                     = $set.Value.IsMandatory
                        Position                        = $set.Value.Position
                        ValueFromPipeline               = $set.Value.ValueFromPipeline
                        ValueFromPipelineByPropertyName = $set.Value.ValueFromPipelineByPropertyName
                        ValueFromRemainingArguments     = $set.Value.ValueFromRemainingArguments
                    }
                })
        }
    }

    $sets = foreach ($set in $info.ParameterSets) {
        [ordered]@{
            Name       = $set.Name
            IsDefault  = $set.IsDefault
            Parameters = @($set.Parameters | Where-Object { $common -notcontains $_.Name -and $hidden -notcontains $_.Name } | ForEach-Object {
                    [ordered]@{
                        Name                            = $_.Name
                        IsMandatory                     = $_.IsMandatory
                        Position                        = $_.Position
                        ValueFromPipeline               = $_.ValueFromPipeline
                        ValueFromPipelineByPropertyName = $_.ValueFromPipelineByPropertyName
                    }
                })
        }
    }

    [ordered]@{
        Name                  = $info.Name
        Verb                  = $info.Verb
        Noun                  = $info.Noun
        ImplementingType      = $type.FullName
        SupportsShouldProcess = [bool] $cmdletAttribute.SupportsShouldProcess
        ConfirmImpact         = "$($cmdletAttribute.ConfirmImpact)"
        DefaultParameterSet   = $info.DefaultParameterSet
        OutputTypes           = @($info.OutputType | ForEach-Object { if ($_.Type) { $_.Type.FullName } else { $_.Name } } | Select-Object -Unique)
        Parameters            = @($parameters)
        ParameterSets         = @($sets)
    }
}

[ordered]@{ Module = $module.Name; Version = "$($module.Version)"; Commands = @($commands) } |
    ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $OutFile -Encoding utf8
