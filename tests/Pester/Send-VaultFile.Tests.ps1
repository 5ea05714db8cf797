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

    It 'outputs a Failed result for every input that fails before its upload, with the local file as target' {
        $missing = Join-Path $TestDrive 'missing.txt'
        $folder = Join-Path $root 'sub'
        $results = Send-VaultFile -LiteralPath (Join-Path $root 'a.txt'), $missing, $folder -Destination /rows -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue

        $results | Should -HaveCount 3
        ($results | Where-Object LocalPath -eq $missing).ErrorId | Should -Be 'LocalPathNotFound'
        ($results | Where-Object LocalPath -eq $folder).ErrorId | Should -Be 'DirectoryNeedsRecurse'
        ($results | Where-Object Status -eq 'Failed').ErrorMessage | Should -Not -BeNullOrEmpty
        $failures | Should -HaveCount 2
        $failures.TargetObject | Sort-Object | Should -Be (@($missing, $folder) | Sort-Object)
    }

    It 'sends failed rows read back with Import-Csv again' {
        $late = Join-Path $TestDrive 'late.txt'
        $csv = Join-Path $TestDrive 'retry.csv'
        Send-VaultFile -LiteralPath $late -Destination /retry -PassThru -ErrorAction SilentlyContinue | Export-Csv -Path $csv -NoTypeInformation
        New-TestFile -Path $late -Size 30 | Out-Null

        $retried = Import-Csv -Path $csv | Where-Object Status -eq Failed | Send-VaultFile -Destination /retry -PassThru

        $retried.LocalPath | Should -Be $late
        $retried.Status | Should -Be 'Staged'
    }

    It 'stages a bracketed name given to -Path when the wildcard matches no file, and says so' {
        $verbose = Send-VaultFile -Path (Join-Path $root '[draft] b.txt') -Destination /brackets -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        (Get-VaultStagingItem '/brackets/[draft] b.txt').Size | Should -Be 200
        $verbose.Message | Should -Match 'matched nothing as a wildcard'
    }

    It 'reports a -Path without wildcards that does not exist, and warns for a wildcard that matches nothing' {
        Send-VaultFile -Path (Join-Path $TestDrive 'nope.txt'), (Join-Path $TestDrive 'none*.bin') -Destination /missing -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'LocalPathNotFound,VaultStaging.Module.Commands.SendVaultFileCommand'
        $warnings | Should -HaveCount 1
    }

    It 'skips piped directories without -Recurse with one warning and stages their files' {
        $results = Get-ChildItem $root -Recurse | Send-VaultFile -Destination /piped-dirs -BasePath $root -PassThru -ErrorVariable failures -WarningVariable warnings -WarningAction SilentlyContinue

        $failures | Should -BeNullOrEmpty
        $warnings | Should -HaveCount 1
        $results | Should -HaveCount 3
        $results.Status | Sort-Object -Unique | Should -Be 'Staged'
    }

    It 'skips directories a -Path wildcard matches with one warning' {
        $results = Send-VaultFile -Path (Join-Path $root '*') -Destination /star -PassThru -ErrorVariable failures -WarningVariable warnings -WarningAction SilentlyContinue

        $failures | Should -BeNullOrEmpty
        $warnings | Should -HaveCount 1
        $results.StagingPath | Sort-Object | Should -Be @('/star/[draft] b.txt', '/star/a.txt')
    }

    It 'honours -BasePath for the files of piped directories with -Recurse and stages each file once' {
        $results = Get-ChildItem $root -Recurse | Send-VaultFile -Destination /recursed -BasePath $root -Recurse -PassThru -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $results.StagingPath | Sort-Object | Should -Be @('/recursed/[draft] b.txt', '/recursed/a.txt', '/recursed/sub/c.bin')
    }

    It 'writes progress under a high activity id, nested under the caller with -ProgressParentId' {
        # A second runspace of this process: it shares the default connection and its Progress stream can be read.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModuleManifest'; `$ProgressPreference = 'Continue'; Send-VaultFile -LiteralPath '$(Join-Path $root 'a.txt')' -Destination /progress -Overwrite -ProgressParentId 1")
            $null = $shell.Invoke()
            $progress = @($shell.Streams.Progress)
        }
        finally {
            $shell.Dispose()
        }

        $progress | Should -Not -BeNullOrEmpty
        $progress.ActivityId | Should -Not -Contain 1
        ($progress | Where-Object ParentActivityId -eq 1) | Should -Not -BeNullOrEmpty
    }

    It 'writes no progress with -ProgressAction SilentlyContinue' -Skip:($PSVersionTable.PSVersion.Major -lt 7 -or ($PSVersionTable.PSVersion.Major -eq 7 -and $PSVersionTable.PSVersion.Minor -lt 4)) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModuleManifest'; `$ProgressPreference = 'Continue'; Send-VaultFile -LiteralPath '$(Join-Path $root 'a.txt')' -Destination /quiet -Overwrite -ProgressAction SilentlyContinue")
            $null = $shell.Invoke()
            $shell.Streams.Progress | Should -BeNullOrEmpty
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'states the engine''s default part size in the -PartSize help' {
        (Get-Help Send-VaultFile -Parameter PartSize).description.Text -join ' ' | Should -Match '12 MiB \(12,582,912 bytes\)'
    }
}
