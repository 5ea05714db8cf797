using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Commands;

namespace VaultStaging.Cli;

/// <summary>
/// The whole CLI as a function of arguments, writers and environment, so tests run it in-process.
/// Parse errors become one line and exit code 2; anything thrown becomes one line through <see cref="ErrorReporter"/>.
/// </summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?> environment, CancellationToken cancellationToken)
        => RunAsync(args, new CliConsole(stdout, stderr), environment, cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliConsole console, IDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var context = new CliContext(console, environment);
        var root = BuildRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            console.WriteErrorLine(ErrorReporter.Prefix + ErrorReporter.OneLine(parseResult.Errors[0].Message).TrimEnd('.')
                + ". Run 'vaultstaging " + CommandPath(parseResult) + "--help' for usage.");
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Program handles Ctrl+C itself and cancels the token.
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return ErrorReporter.Report(ex, console, context.IsVerbose(parseResult));
        }
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("vaultstaging: stage files on the Veeva Vault file staging server, resumably and verified.")
        {
            context.VerboseOption,
        };
        root.Subcommands.Add(new UploadCommand(context).Build());
        root.Subcommands.Add(new SessionsCommand(context).Build());
        root.Subcommands.Add(new LsCommand(context).Build());
        root.Subcommands.Add(new DownloadCommand(context).Build());
        root.Subcommands.Add(new MvCommand(context).Build());
        root.Subcommands.Add(new RmCommand(context).Build());
        root.Subcommands.Add(new JobsCommand(context).Build());
        root.Subcommands.Add(new EmulatorCommand(context).Build());
        return root;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "" : string.Join(" ", names) + " ";
    }
}
