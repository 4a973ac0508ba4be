# Loads the module's cmdlets from an isolated AssemblyLoadContext so that KvsReporting's AWSSDK.Core,
# DuckDB and other dependencies never clash with assemblies another module (AWS.Tools.*) already loaded.
#
# Import time matters (goal: under 0.5 s and under half of pwsh's own start-up), and in a fresh session most of
# it is PowerShell compiling the code paths this script touches, so it stays a few straight-line statements:
# - Assembly.LoadFrom, not Add-Type: Add-Type is what loads Microsoft.PowerShell.Utility into the session
#   (~100 ms cold) only to call LoadFrom. LoadFrom returns the already loaded shim on re-import, also when
#   another copy of the module loaded it from a different folder.
# - the shim type comes from its assembly, not from a [type] literal: resolving a type name searches every
#   loaded assembly (tens of ms cold).
# - no Export-ModuleMember: the script module exports the nested module's cmdlets by default and the manifest's
#   CmdletsToExport is the filter.
$shim = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'KvsReporting.LoadContext.dll'))
$mainAssembly = $shim.GetType('KvsReporting.LoadContext.ModuleLoadContext', $true)::Initialize()
$script:innerModule = Import-Module -Assembly $mainAssembly -PassThru -DisableNameChecking

$ExecutionContext.SessionState.Module.OnRemove = {
    # The isolated context is not collectible; removing the module unloads the commands, and a later
    # Import-Module reuses the already loaded assemblies. Without this, Import-Module -Force leaves no cmdlets.
    Remove-Module -ModuleInfo $script:innerModule -ErrorAction SilentlyContinue
}
