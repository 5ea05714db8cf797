#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
    Import-Module $ModuleManifest -Force
    $emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-Vault
    Remove-Module VaultStaging -ErrorAction SilentlyContinue
    Stop-TestEmulator -Emulator $emulator
}

Describe 'Connect-Vault' {
    It 'connects with a credential and shows the connection without a session id' {
        $password = ConvertTo-SecureString -String 'admin' -AsPlainText -Force
        $connection = Connect-Vault -Server $emulator.Url -Credential ([pscredential]::new('admin', $password)) -PassThru

        $connection.UserName | Should -Be 'admin'
        $connection.IsAdmin | Should -BeTrue
        $connection.HomeFolder | Should -Be '/u1000'
        (Get-VaultConnection).Server | Should -Be $connection.Server
        $connection.PSObject.Properties.Name | Should -Not -Contain 'SessionId'
    }

    It 'fails with a stable error id for a wrong password' {
        $password = ConvertTo-SecureString -String 'wrong' -AsPlainText -Force
        { Connect-Vault -Server $emulator.Url -Credential ([pscredential]::new('admin', $password)) -ErrorAction Stop } |
            Should -Throw -ErrorId 'VaultUsernameOrPasswordIncorrect,VaultStaging.Module.Commands.ConnectVaultCommand'
    }

    It 'refuses plain http to anything but loopback' {
        $password = ConvertTo-SecureString -String 'admin' -AsPlainText -Force
        { Connect-Vault -Server 'http://vault.example.com' -Credential ([pscredential]::new('admin', $password)) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InsecureServerUrl,VaultStaging.Module.Commands.ConnectVaultCommand'
    }

    It 'is forgotten by Disconnect-Vault, and other cmdlets then name Connect-Vault' {
        Connect-TestVault -Emulator $emulator
        Disconnect-Vault

        Get-VaultConnection | Should -BeNullOrEmpty
        { Get-VaultStagingItem -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Connect-Vault*'
    }
}
