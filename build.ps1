<#
.SYNOPSIS
    Builds, tests or packages the VaultStaging module. Works in Windows PowerShell 5.1 and PowerShell 7.

.DESCRIPTION
    Build   : dotnet build VaultStaging.sln; the module is laid out in output/VaultStaging.
    Test    : Build, then dotnet test, then the Pester suite (tests/Pester) in a fresh pwsh when Pester 5 is installed.
    Package : Build, then zip output/VaultStaging into output/VaultStaging-<version>.zip.

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repoRoot = $PSScriptRoot
$moduleFolder = [System.IO.Path]::Combine($repoRoot, 'output', 'VaultStaging')

function Invoke-DotNet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-DotNet build ([System.IO.Path]::Combine($repoRoot, 'VaultStaging.sln')) -c $Configuration
    Write-Host "Module laid out in $moduleFolder"
}

function Invoke-PesterSuite {
    $pwsh = Get-Command -Name pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $pwsh) {
        Write-Warning 'pwsh was not found: skipping the Pester suite.'
        return
    }

    $pesterPath = [System.IO.Path]::Combine($repoRoot, 'tests', 'Pester')
    # A fresh process: the suite imports the built module, which must not stay loaded (and locked) in this one.
    $script = @"
`$pester = Get-Module -ListAvailable -Name Pester | Where-Object { `$_.Version -ge [version]'5.0.0' } | Sort-Object Version -Descending | Select-Object -First 1
if (-not `$pester) { Write-Warning 'Pester 5 is not installed (Install-Module Pester): skipping the Pester suite.'; exit 0 }
Import-Module `$pester
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$pesterPath'
`$configuration.Run.Exit = `$true
`$configuration.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration `$configuration
"@
    & $pwsh.Source -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) {
        throw "The Pester suite failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-Package {
    $manifest = Import-PowerShellDataFile -Path ([System.IO.Path]::Combine($moduleFolder, 'VaultStaging.psd1'))
    $zip = [System.IO.Path]::Combine($repoRoot, 'output', "VaultStaging-$($manifest.ModuleVersion).zip")
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip
    }

    Compress-Archive -Path $moduleFolder -DestinationPath $zip
    Write-Host "Packaged $zip"
}

Invoke-Build
switch ($Task) {
    'Test' {
        Invoke-DotNet test ([System.IO.Path]::Combine($repoRoot, 'VaultStaging.sln')) -c $Configuration --no-build
        Invoke-PesterSuite
    }
    'Package' {
        Invoke-Package
    }
}
