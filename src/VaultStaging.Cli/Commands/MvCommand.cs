using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Commands;

/// <summary>
/// <c>vaultstaging mv FROM TO [--overwrite]</c>: moves and/or renames one staging item (Update Folder or File) and
/// follows its job to the end. TO naming an existing folder (or ending in '/') moves FROM into it.
/// </summary>
internal sealed class MvCommand
{
    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;

    private readonly Argument<string> from = new("from") { Description = "The staging file or folder to move or rename (absolute)." };

    private readonly Argument<string> to = new("to")
    {
        Description = "The new path; an existing folder (or a path ending in '/') receives FROM under its own name.",
    };

    private readonly Option<bool> overwrite = new("--overwrite")
    {
        Description = "Replace a file already at the target (it is deleted first; Vault's move never replaces).",
    };

    private readonly Option<bool> noWait = new("--no-wait")
    {
        Description = "Do not wait for the move job; print its id for 'vaultstaging jobs wait'.",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print the job as one JSON object instead of text.",
    };

    public MvCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
    }

    public Command Build()
    {
        var command = new Command("mv", "Move or rename a staging file or folder, following Vault's job to the end.") { from, to, overwrite, noWait, json };
        connection.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string source = CliUsageException.Check(() => StagingPath.Normalize(parseResult.GetValue(from) ?? ""));
        string target = parseResult.GetValue(to) ?? "";
        CliUsageException.Check(() => StagingPath.Normalize(target));
        CliUsageException.Check(() =>
        {
            StagingItemRules.RefuseRootOrUserHome(source, "moved");
            return true;
        });

        await using var session = await connection.ConnectAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var staging = session.Connection.Staging;
        var plan = await StagingItemMover.PlanAsync(staging, source, target, parseResult.GetValue(overwrite), cancellationToken).ConfigureAwait(false);
        string what = "move " + plan.Source.Path + " -> " + plan.TargetPath + (plan.Replaced is null ? "" : " (replacing the file there)");
        var output = new JobOutput(context.Console, parseResult.GetValue(json));
        bool wait = !parseResult.GetValue(noWait);
        try
        {
            var (jobId, job) = await StagingItemMover.MoveAsync(staging, plan, session.JobPollInterval, TimeSpan.FromHours(1), wait, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                output.Started(jobId, what);
            }
            else
            {
                output.Finished(job, what);
            }
        }
        catch (Core.VaultStagingException error) when (error.ErrorId is VaultErrorIds.JobFailed or VaultErrorIds.JobTimeout)
        {
            output.Failed(0, what, error);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
