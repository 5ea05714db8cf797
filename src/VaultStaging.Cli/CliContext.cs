using System;
using System.Collections.Generic;
using System.CommandLine;

namespace VaultStaging.Cli;

/// <summary>What every command of one run shares: the console, the environment and the global options.</summary>
internal sealed class CliContext
{
    public CliContext(CliConsole console, IDictionary<string, string?> environment, TimeProvider? time = null)
    {
        Console = console;
        Environment = environment;
        Time = time ?? TimeProvider.System;
    }

    public CliConsole Console { get; }

    public IDictionary<string, string?> Environment { get; }

    /// <summary>The run's source of time and delay, handed to the connection (tests pass a clock they move).</summary>
    public TimeProvider Time { get; }

    public Option<bool> VerboseOption { get; } = new("--verbose", "-v")
    {
        Description = "Print the engine's diagnostic lines (HTTP steps, retries, execution ids) to stderr. Never shows secrets.",
        Recursive = true,
    };

    public Option<string?> LogFileOption { get; } = new("--log-file")
    {
        Description = "Also append every line of output (each file's outcome, warnings such as retries, the summary) to FILE, after an ISO 8601 UTC timestamp. Never contains secrets.",
        HelpName = "FILE",
        Recursive = true,
    };

    public bool IsVerbose(ParseResult parseResult) => parseResult.GetValue(VerboseOption);

    public ConsoleVaultLog CreateLog(ParseResult parseResult) => new(Console, IsVerbose(parseResult));
}
