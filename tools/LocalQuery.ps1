<#
.SYNOPSIS
    Runs SQL on a local stack for the demo and the bench: through Invoke-KvsAthenaQuery -Local when the module
    has it, otherwise through the embedded engine's API (KvsReporting.Local.LocalQueryEngine) the cmdlet uses.
    Dot-source it after importing the module.
#>
function Invoke-LocalStackQuery {
    param(
        [Parameter(Mandatory)] [string] $Local,
        [Parameter(Mandatory)] [string] $Query,
        [object[]] $Parameter = @()
    )
    $cmdlet = Get-Command Invoke-KvsAthenaQuery -Module KvsReporting -ErrorAction SilentlyContinue
    if ($cmdlet -and $cmdlet.Parameters.ContainsKey('Local')) {
        return Invoke-KvsAthenaQuery -Local $Local -Query $Query -Parameter $Parameter
    }

    $engine = [KvsReporting.Local.LocalQueryEngine]::new($Local)
    $result = $engine.QueryAllAsync($Query, $Parameter, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $names = @($result.Item1 | ForEach-Object Name)
    foreach ($row in $result.Item2) {
        $o = [ordered]@{}
        for ($i = 0; $i -lt $names.Count; $i++) { $o[$names[$i]] = $row[$i] }
        [pscustomobject] $o
    }
}
