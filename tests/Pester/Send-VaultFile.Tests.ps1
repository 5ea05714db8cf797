#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module $ModuleManifest -Force
    $emulator = Start-TestEmulator
    Connect-TestVault -Emulator $emulator
    $root = Join-Path $TestDrive 'export'
    New-TestFile -Path (Join-Path $root 'a.txt') -Size 100 | Out-Null
    New-TestFile -Path (Join-Path $root '[draft] b.txt') -Size 200 | Out-Null
    New-TestFile -Path ([System.IO.Path]::Combine($root, 'sub', 'c.bin')) -Size (11MB) | Out-Null
}

AfterAll {
    Disconnect-Vault
    Remove-Module VaultStaging -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $emulator
}

Describe 'Send-VaultFile' {
    It 'sends nothing with -WhatIf' {
        Get-ChildItem $root -Recurse -File | Send-VaultFile -Destination /whatif -BasePath $root -WhatIf

        Get-VaultStagingItem / | Where-Object Name -eq 'whatif' | Should -BeNullOrEmpty
    }

    It 'stages every piped file with its relative layout' {
        $results = Get-ChildItem $root -Recurse -File |
            Send-VaultFile -Destination /inbound -BasePath $root -PartSize 5MB -ResumableThreshold 1MB -PassThru

        $results | Should -HaveCount 3
        $results.Status | Sort-Object -Unique | Should -Be 'Staged'
        ($results | Where-Object StagingPath -eq '/inbound/sub/c.bin').Parts | Should -Be 3
        $staged = Get-VaultStagingItem /inbound -Recurse | Where-Object Kind -eq 'File'
        $staged.Path | Sort-Object | Should -Be @('/inbound/[draft] b.txt', '/inbound/a.txt', '/inbound/sub/c.bin')
        ($staged | Where-Object Name -eq 'c.bin').Size | Should -Be 11MB
    }

    It 'takes -LiteralPath brackets literally' {
        Send-VaultFile -LiteralPath (Join-Path $root '[draft] b.txt') -Destination /literal

        (Get-VaultStagingItem '/literal/[draft] b.txt').Size | Should -Be 200
    }

    It 'reports a file that exists as a non-terminating error and stages the others' {
        $results = Get-ChildItem $root -File | Send-VaultFile -Destination /inbound -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'StagingItemExists,VaultStaging.Module.Commands.SendVaultFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures.TargetObject | Should -Contain (Join-Path $root 'a.txt')
        $results.Status | Should -Contain 'Failed'
    }

    It 'skips existing files with -SkipExisting' {
        $results = Get-ChildItem $root -File | Send-VaultFile -Destination /inbound -SkipExisting -PassThru

        $results.Status | Sort-Object -Unique | Should -Be 'Skipped'
    }

    It 'refuses -Overwrite with -SkipExisting as a terminating error' {
        { Get-ChildItem $root -File | Send-VaultFile -Destination /x -Overwrite -SkipExisting } |
            Should -Throw -ErrorId 'OverwriteAndSkipExisting,VaultStaging.Module.Commands.SendVaultFileCommand'
    }

    It 'reports a directory without -Recurse per item' {
        Send-VaultFile -Path $root -Destination /dirs -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -Be 'DirectoryNeedsRecurse,VaultStaging.Module.Commands.SendVaultFileCommand'
    }

    It 'writes results that Export-Csv can report' {
        $csv = Join-Path $TestDrive 'report.csv'
        Get-ChildItem $root -File | Send-VaultFile -Destination /report -PassThru | Export-Csv -Path $csv -NoTypeInformation

        $rows = Import-Csv -Path $csv
        $rows | Should -HaveCount 2
        $rows[0].PSObject.Properties.Name | Should -Contain 'Md5'
        $rows.Status | Sort-Object -Unique | Should -Be 'Staged'
    }
}
