using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator;

namespace VaultStaging.Cli.Commands;

/// <summary>
/// <c>vaultstaging emulator</c>: runs the Vault file staging emulator on loopback until Ctrl+C. The common options are
/// declared here for help; they and any other emulator option (e.g. --job-poll-interval 1s, --discard-content)
/// are handed to the emulator's own command line, which validates them.
/// </summary>
internal sealed class EmulatorCommand
{
    private readonly CliContext context;

    private readonly Option<int?> port = new("--port")
    {
        Description = "TCP port on 127.0.0.1 (default: any free port).",
        HelpName = "N",
    };

    private readonly Option<string?> dataDirectory = new("--data-dir")
    {
        Description = "Where staged files are kept (default: a temporary folder deleted on exit).",
        HelpName = "DIR",
    };

    private readonly Option<string[]> users = new("--user")
    {
        Description = "A user as name:password[:admin]; repeatable (default: admin:admin:admin).",
        HelpName = "name:password[:admin]",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> faults = new("--fault")
    {
        Description = "Arm a fault, kind[:endpoint][@part][xcount][=value], e.g. drop:upload-part@3; repeatable.",
        HelpName = "SPEC",
        AllowMultipleArgumentsPerToken = false,
    };

    public EmulatorCommand(CliContext context)
    {
        this.context = context;
    }

    public Command Build()
    {
        var command = new Command("emulator", "Run a local emulator of the Vault file staging API (prints its base URL; stop with Ctrl+C).")
        {
            port, dataDirectory, users, faults,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string[] arguments = ToEmulatorArguments(parseResult);
        try
        {
            EmulatorCommandLine.Parse(arguments);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException("invalid emulator option: " + ErrorReporter.OneLine(ex.Message).TrimEnd('.') + ". Run 'vaultstaging emulator --help' for the common options.", ex);
        }

        try
        {
            return await EmulatorCommandLine.RunAsync(arguments, context.Console.Out, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is the normal way to stop the emulator.
            return ExitCodes.Success;
        }
    }

    private string[] ToEmulatorArguments(ParseResult parseResult)
    {
        var arguments = new List<string>();
        if (parseResult.GetValue(port) is { } portNumber)
        {
            arguments.Add("--port");
            arguments.Add(portNumber.ToString(CultureInfo.InvariantCulture));
        }

        if (parseResult.GetValue(dataDirectory) is { } directory)
        {
            arguments.Add("--data-dir");
            arguments.Add(directory);
        }

        foreach (string user in parseResult.GetValue(users) ?? Array.Empty<string>())
        {
            arguments.Add("--user");
            arguments.Add(user);
        }

        foreach (string fault in parseResult.GetValue(faults) ?? Array.Empty<string>())
        {
            arguments.Add("--fault");
            arguments.Add(fault);
        }

        arguments.AddRange(parseResult.UnmatchedTokens);
        return arguments.ToArray();
    }
}
