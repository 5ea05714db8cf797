#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module $ModuleManifest -Force
    $emulator = Start-TestEmulator
    Connect-TestVault -Emulator $emulator
    $file = New-TestFile -Path (Join-Path $TestDrive 'big.bin') -Size (11MB)
}

AfterAll {
    Disconnect-Vault
    Remove-Module VaultStaging -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $emulator
}

Describe 'New-VaultUploadSession, Send-VaultFilePart, Complete-VaultUploadSession' {
    It 'stages a file step by step' {
        $upload = $file | New-VaultUploadSession -Destination /steps -PartSize 5MB
        $upload.Plan.PartCount | Should -Be 3

        ($upload | Send-VaultFilePart -PartNumber 1).PartNumber | Should -Be 1
        (Get-VaultUploadSession -Id $upload.Session.Id).UploadedParts | Should -Be 1
        ($upload | Send-VaultFilePart -All).PartNumber | Should -Be @(1, 2, 3)
        ($upload | Complete-VaultUploadSession -Wait).Status | Should -Be 'SUCCESS'
        (Get-VaultStagingItem /steps/big.bin).Size | Should -Be 11MB
    }

    It 'leaves a session that Send-VaultFile resumes' {
        $file | New-VaultUploadSession -Destination /resume -PartSize 5MB | Send-VaultFilePart -PartNumber 1 | Out-Null

        $result = Send-VaultFile -LiteralPath $file.FullName -Destination /resume -PartSize 5MB -ResumableThreshold 1MB -PassThru

        $result.Status | Should -Be 'Staged'
        $result.PartsSent | Should -Be 2
        Get-VaultUploadSession | Should -BeNullOrEmpty
    }

    It 'aborts sessions with Remove-VaultUploadSession' {
        $file | New-VaultUploadSession -StagingPath /abort/big.bin | Out-Null
        Get-VaultUploadSession | Remove-VaultUploadSession -WhatIf
        Get-VaultUploadSession | Should -HaveCount 1

        Get-VaultUploadSession | Remove-VaultUploadSession -Confirm:$false

        Get-VaultUploadSession | Should -BeNullOrEmpty
    }

    It 'needs -Destination or -StagingPath' {
        { $file | New-VaultUploadSession } | Should -Throw -ErrorId 'DestinationOrStagingPath,VaultStaging.Module.Commands.NewVaultUploadSessionCommand'
    }
}
