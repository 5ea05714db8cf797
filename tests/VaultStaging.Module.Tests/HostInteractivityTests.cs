using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>No progress is drawn for PowerShell started -NonInteractive; how its command line is read, as plain data.</summary>
public sealed class HostInteractivityTests
{
    [Theory]
    [InlineData(true, "pwsh", "-NonInteractive", "-File", "C:\\Jobs\\Stage.ps1")]
    [InlineData(true, "powershell.exe", "-NoProfile", "-ExecutionPolicy", "Bypass", "-noni", "-File", "job.ps1")]
    [InlineData(true, "powershell.exe", "/NonInteractive", "-Command", "Send-VaultFile")]
    [InlineData(true, "pwsh", "-NONINTER", "-c", "1")]
    [InlineData(false, "pwsh")]
    [InlineData(false, "pwsh", "-NoProfile", "-Command", "Send-VaultFile")]
    [InlineData(false, "pwsh", "-non", "-File", "job.ps1")] // too short: PowerShell itself reads no switch from it
    [InlineData(false, "pwsh", "-File", "job.ps1", "-NonInteractive")] // the script's own argument
    [InlineData(false, "pwsh", "-c", "x", "-NonInteractive")]
    public async Task NonInteractive_IsReadLikePowerShellReadsIt(bool expected, params string[] commandLine)
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        var reader = LoadedModule.Module.GetType("VaultStaging.Module.HostInteractivity", throwOnError: true)!;

        Assert.Equal(expected, (bool)reader.GetMethod("IsNonInteractive")!.Invoke(null, new object[] { commandLine })!);
    }
}
