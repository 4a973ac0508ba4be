# Loads the module's cmdlets from an isolated AssemblyLoadContext so that KvsReporting's AWSSDK.Core,
# DuckDB and other dependencies never clash with assemblies another module (AWS.Tools.*) already loaded.
$loadContextPath = [System.IO.Path]::Combine($PSScriptRoot, 'bin', 'KvsReporting.LoadContext.dll')
if (-not ('KvsReporting.LoadContext.ModuleLoadContext' -as [type])) {
    Add-Type -LiteralPath $loadContextPath
}

$mainAssembly = [KvsReporting.LoadContext.ModuleLoadContext]::Initialize()
$innerModule = Import-Module -Assembly $mainAssembly -PassThru -DisableNameChecking
# Keys is a KeyCollection: PowerShell binds it to -Cmdlet as one object unless it is made a string array.
Export-ModuleMember -Cmdlet ([string[]] @($innerModule.ExportedCmdlets.Keys))

$ExecutionContext.SessionState.Module.OnRemove = {
    # The isolated context is not collectible; removing the module unloads the commands, and a later
    # Import-Module reuses the already loaded assemblies.
    Remove-Module -ModuleInfo $innerModule -ErrorAction SilentlyContinue
}.GetNewClosure()
