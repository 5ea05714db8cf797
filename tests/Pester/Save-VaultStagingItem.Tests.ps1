#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module $ModuleManifest -Force
    $emulator = Start-TestEmulator
    Connect-TestVault -Emulator $emulator
    $source = Join-Path ([System.IO.Path]::GetTempPath()) ("vs-save-src-" + [guid]::NewGuid().ToString('N'))
    New-TestFile -Path (Join-Path $source 'data/a.csv') -Size 100 | Out-Null
    New-TestFile -Path (Join-Path $source 'data/sub/b.bin') -Size 70000 | Out-Null
    Send-VaultFile -Path (Join-Path $source 'data') -Destination /u1000/exports -Recurse
}

AfterAll {
    Disconnect-Vault
    Remove-Module VaultStaging -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $emulator
    Remove-Item -LiteralPath $source -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Save-VaultStagingItem' {
    BeforeEach {
        $target = Join-Path ([System.IO.Path]::GetTempPath()) ("vs-save-" + [guid]::NewGuid().ToString('N'))
    }

    AfterEach {
        Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'saves a folder with -Recurse, byte for byte' {
        $results = Save-VaultStagingItem -Path /u1000/exports/data -Destination $target -Recurse -PassThru

        $results.Status | Should -Be @('Downloaded', 'Downloaded')
        (Get-FileHash (Join-Path $target 'data/sub/b.bin')).Hash | Should -Be (Get-FileHash (Join-Path $source 'data/sub/b.bin')).Hash
        Get-ChildItem -LiteralPath $target -Recurse -Filter *.vaultstaging-partial | Should -BeNullOrEmpty
    }

    It 'writes nothing with -WhatIf' {
        Save-VaultStagingItem -Path /u1000/exports/data -Destination $target -Recurse -WhatIf

        Test-Path (Join-Path $target 'data/a.csv') | Should -BeFalse
    }

    It 'takes items from Get-VaultStagingItem' {
        Get-VaultStagingItem /u1000/exports/data | Where-Object Kind -eq 'File' | Save-VaultStagingItem -Destination $target

        (Get-ChildItem -LiteralPath $target).Name | Should -Be 'a.csv'
    }

    It 'reports an existing local file as LocalFileExists unless told what to do' {
        Save-VaultStagingItem /u1000/exports/data/a.csv -Destination $target

        { Save-VaultStagingItem /u1000/exports/data/a.csv -Destination $target -ErrorAction Stop } |
            Should -Throw -ErrorId 'LocalFileExists,VaultStaging.Module.Commands.SaveVaultStagingItemCommand'
        (Save-VaultStagingItem /u1000/exports/data/a.csv -Destination $target -SkipExisting -PassThru).Status | Should -Be 'Skipped'
        (Save-VaultStagingItem /u1000/exports/data/a.csv -Destination $target -Update -PassThru).Status | Should -Be 'Skipped'
        (Save-VaultStagingItem /u1000/exports/data/a.csv -Destination $target -Overwrite -PassThru).Status | Should -Be 'Downloaded'
    }

    It 'needs -Recurse for a folder' {
        { Save-VaultStagingItem /u1000/exports/data -Destination $target -ErrorAction Stop } |
            Should -Throw -ErrorId 'StagingFolderNeedsRecurse,VaultStaging.Module.Commands.SaveVaultStagingItemCommand'
    }
}
