using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
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
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?> environment, CancellationToken cancellationToken, TimeProvider? time = null)
        => RunAsync(args, new CliConsole(stdout, stderr), environment, cancellationToken, time);

    public static async Task<int> RunAsync(string[] args, CliConsole console, IDictionary<string, string?> environment, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var context = new CliContext(console, environment, time);
        var root = BuildRootCommand(context);
        if (UnknownCommand(root, args) is { } unknown)
        {
            console.WriteErrorLine(ErrorReporter.Prefix + unknown);
            return ExitCodes.UsageError;
        }

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

        if (parseResult.GetValue(context.LogFileOption) is { } logFile)
        {
            try
            {
                console.OpenLog(logFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                console.WriteErrorLine(ErrorReporter.Prefix + $"cannot write the log file '{logFile}': {ErrorReporter.OneLine(e.Message)}");
                return ExitCodes.UsageError;
            }
        }

        try
        {
            // Credentials never come from flags; a URL's user info is hidden all the same.
            console.LogOnly("started: vaultstaging " + System.Text.RegularExpressions.Regex.Replace(string.Join(" ", args), "://[^/@\\s]+@", "://***@"));
            var exitCode = await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            console.LogOnly("exit code " + exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return exitCode;
        }
        catch (Exception ex)
        {
            var exitCode = ErrorReporter.Report(ex, console, context.IsVerbose(parseResult));
            console.LogOnly("exit code " + exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return exitCode;
        }
        finally
        {
            console.CloseLog();
        }
    }

    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("vaultstaging: stage files on the Veeva Vault file staging server, resumably and verified.")
        {
            context.VerboseOption,
            context.LogFileOption,
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

    /// <summary>"unknown command 'uplaod'; did you mean 'upload'?" when the first word names no command.</summary>
    internal static string? UnknownCommand(RootCommand root, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var word = args[0];
        var names = root.Subcommands.Select(c => c.Name).ToList();
        if (names.Contains(word, StringComparer.Ordinal))
        {
            return null;
        }

        var closest = names
            .Select(name => (Name: name, Distance: EditDistance(word.ToLowerInvariant(), name)))
            .OrderBy(c => c.Distance)
            .First();
        var hint = closest.Distance <= Math.Max(2, word.Length / 3)
            ? $"did you mean '{closest.Name}'?"
            : "the commands are " + string.Join(", ", names) + ".";
        return $"unknown command '{word}'; {hint} Run 'vaultstaging --help' for usage.";
    }

    /// <summary>Levenshtein distance, with a swap of two neighbours counted as one edit ("uplaod" is one from "upload").</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
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
