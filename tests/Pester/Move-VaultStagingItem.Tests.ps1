#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module $ModuleManifest -Force
    $emulator = Start-TestEmulator
    Connect-TestVault -Emulator $emulator
    $source = Join-Path ([System.IO.Path]::GetTempPath()) ("vs-move-" + [guid]::NewGuid().ToString('N'))
}

AfterAll {
    Disconnect-Vault
    Remove-Module VaultStaging -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $emulator
    Remove-Item -LiteralPath $source -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Move-VaultStagingItem and Rename-VaultStagingItem' {
    BeforeEach {
        Remove-VaultStagingItem /u1000/move -Recurse -Confirm:$false -PassThru -ErrorAction SilentlyContinue | Wait-VaultJob | Out-Null
        New-VaultStagingFolder -Path /u1000/move/in, /u1000/move/done -Force | Out-Null
        New-TestFile -Path (Join-Path $source 'a.csv') -Size 10 | Send-VaultFile -Destination /u1000/move/in
        New-TestFile -Path (Join-Path $source 'b.csv') -Size 20 | Send-VaultFile -Destination /u1000/move/in
    }

    It 'moves piped items into a folder and outputs them' {
        $moved = Get-VaultStagingItem /u1000/move/in | Move-VaultStagingItem -Destination /u1000/move/done -PassThru

        $moved.Path | Sort-Object | Should -Be @('/u1000/move/done/a.csv', '/u1000/move/done/b.csv')
        Get-VaultStagingItem /u1000/move/in | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        Move-VaultStagingItem /u1000/move/in/a.csv /u1000/move/done -WhatIf

        (Get-VaultStagingItem /u1000/move/in).Name | Should -Contain 'a.csv'
    }

    It 'renames, and replaces an existing file only with -Force' {
        { Rename-VaultStagingItem /u1000/move/in/a.csv -NewName b.csv -ErrorAction Stop } |
            Should -Throw -ErrorId 'StagingItemExists,VaultStaging.Module.Commands.RenameVaultStagingItemCommand'

        (Rename-VaultStagingItem /u1000/move/in/a.csv -NewName b.csv -Force -PassThru).Size | Should -Be 10
    }

    It 'outputs the job with -NoWait -PassThru' {
        (Move-VaultStagingItem /u1000/move/in/a.csv /u1000/move/done/c.csv -NoWait -PassThru | Wait-VaultJob).Status | Should -Be 'SUCCESS'
    }

    It 'never moves or removes the root or a user home' {
        { Move-VaultStagingItem /u1000 /elsewhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProtectedStagingItem,VaultStaging.Module.Commands.MoveVaultStagingItemCommand'
        { Remove-VaultStagingItem / -Recurse -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProtectedStagingItem,VaultStaging.Module.Commands.RemoveVaultStagingItemCommand'
    }
}
