# Shared by the Pester files: the built module and a Vault emulator on loopback.
# Dot-source it in BeforeAll; it needs the module built (./build.ps1) and the .NET SDK or the vaultstaging CLI.

$script:RepoRoot = (Resolve-Path ([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))).Path
$script:ModuleManifest = [System.IO.Path]::Combine($script:RepoRoot, 'output', 'VaultStaging', 'VaultStaging.psd1')

function Start-TestEmulator {
    <# Starts `vaultstaging emulator --port 0` (or the emulator project through dotnet run) and returns its process and URL. #>
    [CmdletBinding()]
    param([string[]] $ExtraArgument = @())

    $emulatorArgs = @('--port', '0', '--job-poll-interval', '0') + $ExtraArgument
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $cli = Get-Command -Name vaultstaging -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cli) {
        $startInfo.FileName = $cli.Source
        $startInfo.Arguments = (@('emulator') + $emulatorArgs) -join ' '
    }
    else {
        $project = [System.IO.Path]::Combine($script:RepoRoot, 'src', 'VaultStaging.Emulator')
        $startInfo.FileName = 'dotnet'
        $startInfo.Arguments = (@('run', '--project', "`"$project`"", '--') + $emulatorArgs) -join ' '
    }

    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
        if ($line -match 'Vault emulator listening on (?<url>http://\S+)') {
            return [pscustomobject]@{ Process = $process; Url = $Matches.url }
        }
    }

    throw "The emulator exited before printing its URL (exit code $($process.ExitCode))."
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)

    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }

    $Emulator.Process.Dispose()
}

function Connect-TestVault {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)

    $password = ConvertTo-SecureString -String 'admin' -AsPlainText -Force
    $credential = [pscredential]::new('admin', $password)
    Connect-Vault -Server $Emulator.Url -Credential $credential -JobPollInterval '00:00:00.05'
}

function New-TestFile {
    <# Writes a file of random bytes and returns its FileInfo. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [int] $Size)

    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $Path) -Force
    $bytes = [byte[]]::new($Size)
    [System.Random]::new(7).NextBytes($bytes)
    [System.IO.File]::WriteAllBytes($Path, $bytes)
    Get-Item -LiteralPath $Path
}
