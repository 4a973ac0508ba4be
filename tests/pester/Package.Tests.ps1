Describe 'Package' {
    BeforeAll {
        $script:moduleRoot = Split-Path $env:KVS_MODULE_MANIFEST
        $script:work = Join-Path ([IO.Path]::GetTempPath()) ('kvs-package-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $work | Out-Null
        $script:repoName = 'KvsPackageTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    }
    AfterAll {
        Unregister-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes a .nupkg that PSResourceGet finds, saves and whose module imports' {
        $feed = Join-Path $work 'feed'
        $pkg = & (Join-Path $env:KVS_REPO_ROOT 'tools/New-ModulePackage.ps1') -ModuleRoot $moduleRoot -Destination $feed
        $pkg.Name | Should -Match '^KvsReporting\.\d+\.\d+\.\d+\.nupkg$'

        Register-PSResourceRepository -Name $repoName -Uri $feed -Trusted -Force
        $found = Find-PSResource -Name KvsReporting -Repository $repoName
        $found.Version.ToString() | Should -Be (Import-PowerShellDataFile $env:KVS_MODULE_MANIFEST).ModuleVersion
        $found.Type.ToString() | Should -Be 'Module'
        $found.Tags | Should -Contain 'Athena'

        $saved = Join-Path $work 'saved'
        New-Item -ItemType Directory -Path $saved | Out-Null
        Save-PSResource -Name KvsReporting -Repository $repoName -Path $saved -TrustRepository
        $savedManifest = Get-ChildItem $saved -Recurse -Filter KvsReporting.psd1 | Select-Object -First 1
        $savedManifest | Should -Not -BeNullOrEmpty
        (Test-ModuleManifest $savedManifest.FullName).Version | Should -Be $found.Version
        Join-Path $savedManifest.DirectoryName 'bin/lib/KvsReporting.dll' | Should -Exist
    }
}
