using Xunit;

namespace VaultStaging.Tests.Cli;

internal static class CliAssert
{
    /// <summary>The run wrote exactly one stderr line, in the "vaultstaging: what: why. what to do" form, with no stack trace.</summary>
    public static string OneErrorLine(CliRun run, int expectedExitCode, string expectedFragment)
    {
        Assert.True(run.ExitCode == expectedExitCode, $"expected exit {expectedExitCode}, got {run}");
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("vaultstaging: ", line);
        Assert.Contains(expectedFragment, line, System.StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at VaultStaging.", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        return line;
    }
}
