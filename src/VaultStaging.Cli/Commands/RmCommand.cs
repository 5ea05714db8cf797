using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Commands;

/// <summary>
/// <c>vaultstaging rm PATH... [--recurse] [--yes]</c>: deletes staging items (there is no way back). Asks on a terminal
/// unless --yes; without a terminal and without --yes it refuses. Never deletes the root or a user home.
/// </summary>
internal sealed class RmCommand
{
    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;

    private readonly Argument<string[]> paths = new("staging-path")
    {
        Description = "Staging files or folders to delete (absolute).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> recurse = new("--recurse", "-r")
    {
        Description = "Delete folders with everything in them (a folder that holds items is refused otherwise).",
    };

    private readonly Option<bool> yes = new("--yes", "-y")
    {
        Description = "Do not ask; needed when no terminal can answer (scripts, scheduled jobs).",
    };

    private readonly Option<bool> noWait = new("--no-wait")
    {
        Description = "Do not wait for the delete jobs; print their ids for 'vaultstaging jobs wait'.",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object per item (JSON Lines) instead of text.",
    };

    public RmCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
    }

    public Command Build()
    {
        var command = new Command("rm", "Delete staging files or folders (asks first unless --yes; the root and user homes are refused).")
        {
            paths, recurse, yes, noWait, json,
        };
        connection.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var targets = (parseResult.GetValue(paths) ?? Array.Empty<string>())
            .Select(p => CliUsageException.Check(() => StagingPath.Normalize(p)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var target in targets)
        {
            CliUsageException.Check(() =>
            {
                StagingItemRules.RefuseRootOrUserHome(target, "deleted");
                return true;
            });
        }

        bool withRecurse = parseResult.GetValue(recurse);
        var settings = connection.Bind(parseResult);
        if (!parseResult.GetValue(yes))
        {
            if (!context.Console.CanAsk)
            {
                throw new CliUsageException("rm deletes for good and no terminal can confirm it: pass --yes to delete without asking.");
            }

            string list = targets.Count == 1 ? targets[0] : targets.Count + " items (" + string.Join(", ", targets.Take(3)) + (targets.Count > 3 ? ", …" : "") + ")";
            if (!context.Console.Confirm("vaultstaging: delete " + list + (withRecurse ? " with everything in them" : "") + " from the staging server? There is no way back."))
            {
                context.Console.WriteErrorLine(ErrorReporter.Prefix + "nothing was deleted.");
                return ExitCodes.Failure;
            }
        }

        await using var session = await VaultSession.OpenAsync(settings, context.Console, cancellationToken).ConfigureAwait(false);
        var staging = session.Connection.Staging;
        var output = new JobOutput(context.Console, parseResult.GetValue(json));
        var started = new List<(long Id, string? What)>();
        bool anyFailed = false;
        foreach (var target in targets)
        {
            try
            {
                long jobId = await staging.DeleteItemAsync(target, withRecurse, cancellationToken).ConfigureAwait(false);
                started.Add((jobId, "delete " + target));
            }
            catch (VaultStagingException error) when (!cancellationToken.IsCancellationRequested)
            {
                anyFailed = true;
                output.Failed(0, "delete " + target, error);
            }
        }

        if (parseResult.GetValue(noWait))
        {
            foreach (var (id, what) in started)
            {
                output.Started(id, what!);
            }

            return anyFailed ? ExitCodes.Failure : ExitCodes.Success;
        }

        bool allDone = await output.WaitAllAsync(staging, started, session.JobPollInterval, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        return anyFailed || !allDone ? ExitCodes.Failure : ExitCodes.Success;
    }
}
