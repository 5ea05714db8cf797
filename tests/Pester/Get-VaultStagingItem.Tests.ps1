#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module $ModuleManifest -Force
    $emulator = Start-TestEmulator
    Connect-TestVault -Emulator $emulator
}

AfterAll {
    Disconnect-Vault
    Remove-Module VaultStaging -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $emulator
}

Describe 'Staging items and jobs' {
    It 'creates, lists and deletes folders' {
        New-VaultStagingFolder -Path /items/a/b -Force | Select-Object -ExpandProperty Path | Should -Be '/items/a/b'
        (Get-VaultStagingItem /items -Recurse).Path | Should -Contain '/items/a/b'

        $job = Remove-VaultStagingItem -Path /items/a -Recurse -Confirm:$false -PassThru | Wait-VaultJob
        $job.Status | Should -Be 'SUCCESS'
        (Get-VaultJob -Id $job.Id).Status | Should -Be 'SUCCESS'
        Get-VaultStagingItem /items | Should -BeNullOrEmpty
    }

    It 'completes remote folders for -Destination' {
        New-VaultStagingFolder -Path /inbound, /incoming -Force | Out-Null
        $line = 'Send-VaultFile -Destination /in'

        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length

        $completion.CompletionMatches.CompletionText | Should -Contain '/inbound/'
        $completion.CompletionMatches.CompletionText | Should -Contain '/incoming/'
    }

    It 'has help with examples for every cmdlet' {
        foreach ($command in Get-Command -Module VaultStaging) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.examples.example | Should -Not -BeNullOrEmpty
        }

        Get-Help about_VaultStaging | Out-String | Should -Match 'RESUMING'
    }

    It 'asks before deleting (ConfirmImpact High), and -Force deletes without asking' {
        $attribute = (Get-Command Remove-VaultStagingItem).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)
        $attribute.ConfirmImpact | Should -Be 'High'
        New-VaultStagingFolder -Path /force/kept, /force/gone -Force | Out-Null

        Remove-VaultStagingItem -Path /force/kept -Force -WhatIf
        (Get-VaultStagingItem /force).Name | Should -Contain 'kept'

        Remove-VaultStagingItem -Path /force/gone -Force -PassThru | Wait-VaultJob | Out-Null
        (Get-VaultStagingItem /force).Name | Should -Not -Contain 'gone'
    }
}
