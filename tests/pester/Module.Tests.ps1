BeforeDiscovery {
    $script:manifestPath = $env:KVS_MODULE_MANIFEST
}

BeforeAll {
    $script:manifestPath = $env:KVS_MODULE_MANIFEST
    $script:moduleRoot = Split-Path $manifestPath
    $script:repoRoot = $env:KVS_REPO_ROOT
    function Invoke-FreshPwsh([string] $Command) {
        Push-Location $repoRoot
        try {
            $out = & dotnet pwsh -NoProfile -NonInteractive -Command $Command 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($out | Out-String) }
        }
        finally { Pop-Location }
    }
}

Describe 'Module manifest' {
    It 'is a valid manifest for PowerShell 7.4+ Core' {
        $m = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
        $m.PowerShellVersion | Should -Be ([version] '7.4')
        $m.CompatiblePSEditions | Should -Be @('Core')
        $m.PrivateData.PSData.Tags | Should -Contain 'AWS'
        $m.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
    }

    It 'exports an explicit list of cmdlets, no wildcards' {
        $data = Import-PowerShellDataFile $manifestPath
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            @($data[$key]) -join ',' | Should -Not -Match '\*' -Because "$key must be explicit"
        }
    }

    It 'stamps the manifest version onto every module assembly' {
        $version = (Import-PowerShellDataFile $manifestPath).ModuleVersion
        foreach ($dll in 'bin/KvsReporting.LoadContext.dll', 'bin/lib/KvsReporting.dll') {
            [Reflection.AssemblyName]::GetAssemblyName((Join-Path $moduleRoot $dll)).Version.ToString(3) | Should -Be $version
        }
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $r = Invoke-FreshPwsh "Import-Module '$manifestPath'; (Get-Command -Module KvsReporting -CommandType Cmdlet).Name | Sort-Object | ConvertTo-Json -Compress"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $declared = @((Import-PowerShellDataFile $manifestPath).CmdletsToExport | Sort-Object)
        $exported = @($r.Output.Trim() | ConvertFrom-Json | Where-Object { $_ } | Sort-Object)
        $exported | Should -Be $declared
    }
}

Describe 'Dependency isolation' {
    It 'imports and runs after a different AWSSDK.Core was loaded first (as AWS.Tools.Common does)' {
        $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $otherCore = Join-Path $nugetRoot 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
        $otherCore | Should -Exist
        $script = @"
Add-Type -LiteralPath '$otherCore'
`$before = [Amazon.Runtime.AWSCredentials].Assembly.GetName().Version.ToString()
Import-Module '$manifestPath' -ErrorAction Stop
`$inner = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'KvsReporting'
`$innerCore = `$inner.Assemblies | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' }
# make the module load its own AWSSDK.Core by touching a type that needs it
`$null = [KvsReporting.LoadContext.ModuleLoadContext]::Initialize().GetType('KvsReporting.Stack.KvsReportingStack')
"default=`$before"
"module=" + ((`$inner.Assemblies | ForEach-Object { `$_.GetName().Name }) -join ',')
"@
        $r = Invoke-FreshPwsh $script
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'default=3\.3\.0\.0'
        $r.Output | Should -Match 'module=.*KvsReporting'
    }

    It 'resolves the DuckDB native library from the module folder' {
        $rid = if ([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'Arm64') { 'linux-arm64' } else { 'linux-x64' }
        if ($IsLinux) { Join-Path $moduleRoot "bin/lib/runtimes/$rid/native/libduckdb.so" | Should -Exist }
    }
}

Describe 'Import into the current session' {
    It 'imports, exposes the declared cmdlets and removes cleanly' {
        $m = Import-Module $env:KVS_MODULE_MANIFEST -PassThru -Force
        try {
            $m.Version.ToString() | Should -Be (Import-PowerShellDataFile $env:KVS_MODULE_MANIFEST).ModuleVersion
            @($m.ExportedCmdlets.Keys | Sort-Object) | Should -Be @((Import-PowerShellDataFile $env:KVS_MODULE_MANIFEST).CmdletsToExport | Sort-Object)
        }
        finally { Remove-Module KvsReporting -Force }
        Get-Module KvsReporting | Should -BeNullOrEmpty
    }
}

Describe 'Import cost' {
    It 'imports without pulling other modules into the session (import stays cheap)' {
        # Add-Type in the loader used to auto-load Microsoft.PowerShell.Utility, ~100 ms of a cold import.
        $r = Invoke-FreshPwsh "Import-Module '$manifestPath' -ErrorAction Stop; 'modules=' + ((Get-Module).Name -join ',')"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match '(?m)^modules=KvsReporting\s*$'
    }
}
