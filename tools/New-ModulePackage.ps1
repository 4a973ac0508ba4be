<#
.SYNOPSIS
    Writes KvsReporting.<version>.nupkg from a built module folder: the layout PSResourceGet publishes and
    installs (nuspec at the root with PSModule tags, the module files beside it).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [Parameter(Mandatory)] [string] $Destination
)
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
$manifest = Import-PowerShellDataFile (Join-Path $ModuleRoot 'KvsReporting.psd1')
$id = 'KvsReporting'
$version = $manifest.ModuleVersion
$psData = $manifest.PrivateData.PSData
$tags = @($psData.Tags) + @('PSModule', 'PSIncludes_Cmdlet') + @($manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_" }) +
    @($manifest.CmdletsToExport | ForEach-Object { "PSCommand_$_" })
$esc = { param($s) [System.Security.SecurityElement]::Escape([string] $s) }
$nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>$id</id>
    <version>$version</version>
    <authors>$(& $esc $manifest.Author)</authors>
    <owners>$(& $esc $manifest.CompanyName)</owners>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <licenseUrl>$(& $esc $psData.LicenseUri)</licenseUrl>
    <projectUrl>$(& $esc $psData.ProjectUri)</projectUrl>
    <description>$(& $esc $manifest.Description)</description>
    <releaseNotes>$(& $esc $psData.ReleaseNotes)</releaseNotes>
    <copyright>$(& $esc $manifest.Copyright)</copyright>
    <tags>$(& $esc ($tags -join ' '))</tags>
  </metadata>
</package>
"@
New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$path = Join-Path $Destination "$id.$version.nupkg"
if (Test-Path $path) { Remove-Item $path -Force }
$zip = [System.IO.Compression.ZipFile]::Open($path, 'Create')
try {
    function Add-Entry([string] $Name, [string] $Text) {
        $entry = $zip.CreateEntry($Name)
        $writer = [System.IO.StreamWriter]::new($entry.Open(), [System.Text.UTF8Encoding]::new($false))
        try { $writer.Write($Text) } finally { $writer.Dispose() }
    }
    Add-Entry "$id.nuspec" $nuspec
    Add-Entry '[Content_Types].xml' @'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="psd1" ContentType="application/octet" />
  <Default Extension="psm1" ContentType="application/octet" />
  <Default Extension="ps1xml" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="json" ContentType="application/octet" />
  <Default Extension="so" ContentType="application/octet" />
  <Default Extension="dylib" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
  <Default Extension="js" ContentType="application/octet" />
  <Default Extension="md" ContentType="application/octet" />
  <Default Extension="yaml" ContentType="application/octet" />
  <Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />
  <Override PartName="/LICENSE" ContentType="application/octet" />
</Types>
'@
    $base = (Resolve-Path $ModuleRoot).Path.TrimEnd('/') + '/'
    foreach ($file in Get-ChildItem $ModuleRoot -Recurse -File) {
        $name = $file.FullName.Substring($base.Length).Replace('\', '/')
        [void][System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, $name, 'Optimal')
    }
}
finally { $zip.Dispose() }
Get-Item $path
