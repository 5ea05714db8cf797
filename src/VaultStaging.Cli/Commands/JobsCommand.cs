using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Commands;

/// <summary><c>vaultstaging jobs show ID | wait ID...</c>: the Vault jobs that commits, moves and deletes start.</summary>
internal sealed class JobsCommand
{
    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print JSON (one object per line) instead of text.",
        Recursive = true,
    };

    public JobsCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
    }

    public Command Build()
    {
        var command = new Command("jobs", "Show or wait for Vault jobs (the ids that --no-wait printed).");
        connection.AddTo(command);
        command.Options.Add(json);

        var showId = new Argument<long>("id") { Description = "The job id." };
        var show = new Command("show", "Show one job's status (a single status read).") { showId };
        show.SetAction((parseResult, cancellationToken) => ShowAsync(parseResult, parseResult.GetValue(showId), cancellationToken));
        command.Subcommands.Add(show);

        var waitIds = new Argument<long[]>("id") { Description = "Job ids.", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for each job (hh:mm:ss).",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
            HelpName = "TIME",
        };
        var wait = new Command("wait", "Wait until the jobs finish (one status read per job every 10 s, as Vault allows); exit 1 when one did not succeed.") { waitIds, timeout };
        wait.SetAction((parseResult, cancellationToken) => WaitAsync(parseResult, parseResult.GetValue(waitIds) ?? Array.Empty<long>(), parseResult.GetValue(timeout), cancellationToken));
        command.Subcommands.Add(wait);
        return command;
    }

    private async Task<int> ShowAsync(ParseResult parseResult, long id, CancellationToken cancellationToken)
    {
        await using var session = await connection.ConnectAsync(parseResult, cancellationToken).ConfigureAwait(false);
        VaultJob job;
        try
        {
            job = await session.Connection.Staging.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException limited) when (limited.VaultErrorType == VaultErrorTypes.ApiLimitExceeded)
        {
            // Read within the last poll interval (Vault allows one status read per 10 s per job): one more, after the interval.
            await Task.Delay(session.JobPollInterval, context.Time, cancellationToken).ConfigureAwait(false);
            job = await session.Connection.Staging.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        }

        new JobOutput(context.Console, parseResult.GetValue(json)).Show(job);
        return ExitCodes.Success;
    }

    private async Task<int> WaitAsync(ParseResult parseResult, long[] ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new CliUsageException($"invalid --timeout {timeout}: give a positive time such as 00:30:00.");
        }

        await using var session = await connection.ConnectAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var output = new JobOutput(context.Console, parseResult.GetValue(json));
        bool allSucceeded = await output.WaitAllAsync(
            session.Connection.Staging,
            ids.Distinct().Select(id => (id, (string?)null)),
            session.JobPollInterval,
            timeout,
            cancellationToken).ConfigureAwait(false);
        return allSucceeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
