#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEmulator.ps1')
}

Describe 'The test emulator harness' {
    It 'starts the built emulator itself, not dotnet run, and leaves no process behind' {
        $emulator = Start-TestEmulator
        $id = $emulator.Process.Id
        $emulator.Url | Should -Match '^http://127\.0\.0\.1:\d+/?$|^http://localhost:\d+/?$'
        $running = Get-Process -Id $id
        if ($running.PSObject.Properties['CommandLine'] -and $running.CommandLine) {
            $running.CommandLine | Should -Not -Match '\brun\b.*--project'
        }

        Stop-TestEmulator -Emulator $emulator

        Get-Process -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $uri = [uri]$emulator.Url
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            { $client.Connect($uri.Host, $uri.Port) } | Should -Throw
        }
        finally {
            $client.Dispose()
        }
    }
}
