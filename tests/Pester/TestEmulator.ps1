# Shared by the Pester files: the built module and a Vault emulator on loopback.
# Dot-source it in BeforeAll; it needs the module built (./build.ps1) and the .NET SDK or the vaultstaging CLI.
# The emulator runs as the built program itself, so stopping it leaves no process behind.

$script:RepoRoot = (Resolve-Path ([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))).Path
$script:ModuleManifest = [System.IO.Path]::Combine($script:RepoRoot, 'output', 'VaultStaging', 'VaultStaging.psd1')

function Get-TestEmulatorCommand {
    <#
        The process to start: the built emulator itself (dotnet <dll>, or the vaultstaging CLI), never `dotnet run`,
        whose child process outlived Kill() of the parent. Builds the emulator once when it has not been built.
    #>
    [CmdletBinding()]
    param()

    $cli = Get-Command -Name vaultstaging -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cli) {
        return [pscustomobject]@{ FileName = $cli.Source; Prefix = @('emulator') }
    }

    $project = [System.IO.Path]::Combine($script:RepoRoot, 'src', 'VaultStaging.Emulator')
    $find = {
        Get-ChildItem -LiteralPath ([System.IO.Path]::Combine($project, 'bin')) -Recurse -Filter 'VaultStaging.Emulator.dll' -File -ErrorAction SilentlyContinue |
            Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    }
    $dll = & $find
    if (-not $dll) {
        & dotnet build $project -c Release --nologo -v quiet | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "Building the emulator failed (exit code $LASTEXITCODE)." }
        $dll = & $find
    }

    [pscustomobject]@{ FileName = 'dotnet'; Prefix = @("`"$($dll.FullName)`"") }
}

function Start-TestEmulator {
    <# Starts the built emulator (`vaultstaging emulator` or `dotnet VaultStaging.Emulator.dll`) on a free port and returns its process and URL. #>
    [CmdletBinding()]
    param([string[]] $ExtraArgument = @())

    $command = Get-TestEmulatorCommand
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $command.FileName
    $startInfo.Arguments = ($command.Prefix + @('--port', '0', '--job-poll-interval', '0') + $ExtraArgument) -join ' '
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
        if ($line -match 'Vault emulator listening on (?<url>http://\S+)') {
            return [pscustomobject]@{ Process = $process; Url = $Matches.url }
        }
    }

    Stop-TestEmulator -Emulator ([pscustomobject]@{ Process = $process })
    throw "The emulator exited before printing its URL (exit code $($process.ExitCode))."
}

function Stop-TestEmulator {
    <# Ends the emulator and anything it started: the whole process tree. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)

    $process = $Emulator.Process
    if (-not $process.HasExited) {
        try {
            $process.Kill($true)    # .NET Core 3.0+ (PowerShell 7): the entire tree
        }
        catch [System.Management.Automation.MethodException] {
            # Windows PowerShell 5.1 (.NET Framework) has no tree overload.
            if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
                & taskkill.exe /PID $process.Id /T /F | Out-Null
            }
            else {
                $process.Kill()
            }
        }

        $process.WaitForExit(10000) | Out-Null
    }

    $process.Dispose()
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
