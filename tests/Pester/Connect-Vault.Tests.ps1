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

    It 'outputs with -PassThru a connection that -Connection takes' {
        $password = ConvertTo-SecureString -String 'admin' -AsPlainText -Force
        $mine = Connect-Vault -Server $emulator.Url -Credential ([pscredential]::new('admin', $password)) -JobPollInterval '00:00:00.05' -PassThru
        Connect-TestVault -Emulator $emulator    # replaces the default; $mine stays usable
        Disconnect-Vault                         # ends the new default, not $mine

        Get-VaultConnection | Should -BeNullOrEmpty
        New-VaultStagingFolder -Path /own/folder -Force -Connection $mine | Should -Not -BeNullOrEmpty
        Disconnect-Vault -Connection $mine
        { Get-VaultStagingItem -Connection $mine -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConnectionClosed,VaultStaging.Module.Commands.GetVaultStagingItemCommand'
    }

    It 'keeps the connection and the module working here when another runspace removes the module' {
        Connect-TestVault -Emulator $emulator
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModuleManifest'; (Get-VaultConnection).UserName; Remove-Module VaultStaging")
            $shell.Invoke() | Should -Be 'admin'
        }
        finally {
            $shell.Dispose()
        }

        (Get-VaultConnection).UserName | Should -Be 'admin'
        New-VaultStagingFolder -Path /after/remove -Force | Should -Not -BeNullOrEmpty
    }

    It 'gives each ForEach-Object -Parallel runspace its own connection' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $password = ConvertTo-SecureString -String 'admin' -AsPlainText -Force
        $credential = [pscredential]::new('admin', $password)
        $url = $emulator.Url

        $made = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:ModuleManifest
            $vault = Connect-Vault -Server $using:url -Credential $using:credential -JobPollInterval '00:00:00.05' -PassThru
            try { (New-VaultStagingFolder -Path "/parallel/f$_" -Force -Connection $vault).Path }
            finally { Disconnect-Vault -Connection $vault }
        }

        $made | Sort-Object | Should -Be @('/parallel/f1', '/parallel/f2', '/parallel/f3')
    }

    It 'on Windows PowerShell 5.1 allows TLS 1.2 and raises the connection limit for the vault before the first request' -Skip:($PSVersionTable.PSEdition -ne 'Desktop') {
        $before = [Net.ServicePointManager]::SecurityProtocol
        Connect-TestVault -Emulator $emulator

        $after = [Net.ServicePointManager]::SecurityProtocol
        if ($before -ne [Net.SecurityProtocolType]::SystemDefault) {
            ($after -band [Net.SecurityProtocolType]::Tls12) | Should -Be ([Net.SecurityProtocolType]::Tls12)
            ($after -band $before) | Should -Be $before
        }

        [Net.ServicePointManager]::FindServicePoint([uri]$emulator.Url).ConnectionLimit | Should -BeGreaterOrEqual 32
    }
}
