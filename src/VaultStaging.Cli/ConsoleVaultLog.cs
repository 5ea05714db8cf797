using VaultStaging.Core;

namespace VaultStaging.Cli;

/// <summary>The engine's diagnostics on stderr: warnings always, verbose and debug lines only with --verbose.</summary>
internal sealed class ConsoleVaultLog : IVaultLog
{
    private readonly CliConsole console;
    private readonly bool verbose;

    public ConsoleVaultLog(CliConsole console, bool verbose)
    {
        this.console = console;
        this.verbose = verbose;
    }

    public void Verbose(string message)
    {
        if (verbose)
        {
            console.WriteErrorLine("verbose: " + message);
        }
    }

    public void Debug(string message)
    {
        if (verbose)
        {
            console.WriteErrorLine("debug: " + message);
        }
    }

    public void Warning(string message) => console.WriteErrorLine(ErrorReporter.Prefix + "warning: " + message);
}
