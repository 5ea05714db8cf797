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

    It 'stages a file in one pipeline: New-VaultUploadSession | Send-VaultFilePart -All | Complete-VaultUploadSession -Wait' {
        $parts = [System.Collections.Generic.List[object]]::new()
        $job = $file | New-VaultUploadSession -Destination /onepipe -PartSize 5MB |
            Send-VaultFilePart -All | ForEach-Object { $parts.Add($_); $_ } |
            Complete-VaultUploadSession -Wait

        $job.Status | Should -Be 'SUCCESS'
        $parts | Should -HaveCount 3
        $parts.SessionId | Sort-Object -Unique | Should -HaveCount 1
        (Get-VaultStagingItem /onepipe/big.bin).Size | Should -Be 11MB
    }

    It 'aborts the object New-VaultUploadSession returned when it is piped to Remove-VaultUploadSession' {
        $up = $file | New-VaultUploadSession -Destination /dropped -PartSize 5MB

        $up | Remove-VaultUploadSession -Confirm:$false

        Get-VaultUploadSession | Where-Object Id -eq $up.Session.Id | Should -BeNullOrEmpty
    }

    It 'waits for the jobs of Send-VaultFile -NoWait -PassThru results and passes over the rest' {
        $small = New-TestFile -Path (Join-Path $TestDrive 'small.txt') -Size 10
        $verbose = $file, $small | Send-VaultFile -Destination /nowait -NoWait -PassThru -PartSize 5MB -ResumableThreshold 1MB |
            Wait-VaultJob -Verbose 4>&1

        ($verbose | Where-Object { $_.PSObject.TypeNames -contains 'VaultStaging.Core.Staging.VaultJob' }).Status | Should -Be 'SUCCESS'
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'no commit job'
    }

    It 'states the engine''s default part size in the -PartSize help' {
        $upload = $file | New-VaultUploadSession -Destination /partsize
        $default = $upload.Plan.GetType().GetField('DefaultPartSize').GetRawConstantValue()
        $upload | Remove-VaultUploadSession -Confirm:$false

        $upload.Plan.PartSize | Should -Be $default
        $text = (Get-Help New-VaultUploadSession -Parameter PartSize).description.Text -join ' '
        $expected = [string]::Format([cultureinfo]::InvariantCulture, '{0} MiB ({1:N0} bytes)', $default / 1MB, $default)
        $text | Should -Match ([regex]::Escape($expected))
    }
}
