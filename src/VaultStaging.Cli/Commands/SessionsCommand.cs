using System;
using System.CommandLine;
using System.Linq;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Commands;

/// <summary><c>vaultstaging sessions list | show ID | parts ID | abort ID</c>: the active resumable upload sessions.</summary>
internal sealed class SessionsCommand
{
    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print JSON (one object per line) instead of text.",
        Recursive = true,
    };

    public SessionsCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
    }

    public Command Build()
    {
        var command = new Command("sessions", "Inspect or abort the resumable upload sessions of the connected user.");
        connection.AddTo(command);
        command.Options.Add(json);

        var list = new Command("list", "List active upload sessions: id, path, size, uploaded parts, expiration.");
        list.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, ListAsync, cancellationToken));
        command.Subcommands.Add(list);

        command.Subcommands.Add(WithSessionId("show", "Show one session's details.", ShowAsync));
        command.Subcommands.Add(WithSessionId("parts", "List the parts a session holds, with their sizes and MD5s.", PartsAsync));
        command.Subcommands.Add(BuildAbort());
        return command;
    }

    private delegate Task SessionAction(FileStagingClient staging, bool asJson, CancellationToken cancellationToken);

    private delegate Task SessionIdAction(FileStagingClient staging, string id, bool asJson, CancellationToken cancellationToken);

    private Command WithSessionId(string name, string description, SessionIdAction action)
    {
        var id = new Argument<string>("id") { Description = "The upload session id (from 'sessions list')." };
        var command = new Command(name, description) { id };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            (staging, asJson, token) => action(staging, parseResult.GetValue(id)!, asJson, token),
            cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, SessionAction action, CancellationToken cancellationToken)
    {
        await using var session = await connection.ConnectAsync(parseResult, cancellationToken).ConfigureAwait(false);
        await action(session.Connection.Staging, parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task ListAsync(FileStagingClient staging, bool asJson, CancellationToken cancellationToken)
    {
        var sessions = await staging.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        if (asJson)
        {
            foreach (var info in sessions)
            {
                WriteJson(info);
            }

            return;
        }

        if (sessions.Count == 0)
        {
            context.Console.WriteLine("No active upload sessions.");
            return;
        }

        var table = new TextTable("ID", "PATH", "SIZE", "PARTS", "EXPIRES");
        foreach (var info in sessions)
        {
            table.Add(info.Id, info.Path, SizeFormat.Bytes(info.Size), info.UploadedParts.ToString(CultureInfo.InvariantCulture), SizeFormat.Timestamp(info.ExpirationDate));
        }

        context.Console.WriteLines(table.Lines());
    }

    private async Task ShowAsync(FileStagingClient staging, string id, bool asJson, CancellationToken cancellationToken)
    {
        var info = await staging.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
        if (asJson)
        {
            WriteJson(info);
            return;
        }

        var table = new TextTable("Id:", info.Id);
        table.Add("Path:", info.Path);
        table.Add("Size:", Bytes(info.Size));
        table.Add("Uploaded:", Bytes(info.Uploaded));
        table.Add("Uploaded parts:", info.UploadedParts.ToString(CultureInfo.InvariantCulture));
        table.Add("Created:", SizeFormat.Timestamp(info.CreatedDate));
        table.Add("Last upload:", SizeFormat.Timestamp(info.LastUploadedDate));
        table.Add("Expires:", SizeFormat.Timestamp(info.ExpirationDate));
        context.Console.WriteLines(table.Lines());
    }

    private async Task PartsAsync(FileStagingClient staging, string id, bool asJson, CancellationToken cancellationToken)
    {
        var parts = await staging.ListPartsAsync(id, cancellationToken).ConfigureAwait(false);
        if (asJson)
        {
            foreach (var part in parts)
            {
                context.Console.WriteLine(JsonSerializer.Serialize(new PartLine(part.PartNumber, part.Size, part.Md5), CliJsonContext.Default.PartLine));
            }

            return;
        }

        if (parts.Count == 0)
        {
            context.Console.WriteLine("No parts uploaded yet.");
            return;
        }

        var table = new TextTable("PART", "SIZE", "MD5");
        foreach (var part in parts)
        {
            table.Add(part.PartNumber.ToString(CultureInfo.InvariantCulture), part.Size.ToString(CultureInfo.InvariantCulture), part.Md5);
        }

        context.Console.WriteLines(table.Lines());
    }

    /// <summary><c>sessions abort ID | --path PATH | --all-mine</c>: exactly one way of naming the sessions.</summary>
    private Command BuildAbort()
    {
        var id = new Argument<string?>("id") { Description = "The upload session id (from 'sessions list').", Arity = ArgumentArity.ZeroOrOne };
        var path = new Option<string?>("--path")
        {
            Description = "Abort the active session(s) uploading to this staging path instead of naming an id.",
            HelpName = "STAGING-PATH",
        };
        var allMine = new Option<bool>("--all-mine")
        {
            Description = "Abort every active session the connected user owns.",
        };
        var command = new Command("abort", "Abort sessions; their uploaded parts are discarded. Name one by id, by --path, or all of yours with --all-mine.")
        {
            id, path, allMine,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? sessionId = parseResult.GetValue(id);
            string? stagingPath = parseResult.GetValue(path);
            bool mine = parseResult.GetValue(allMine);
            int ways = (sessionId is null ? 0 : 1) + (stagingPath is null ? 0 : 1) + (mine ? 1 : 0);
            if (ways != 1)
            {
                throw new CliUsageException("name the sessions to abort in exactly one way: a session id, --path STAGING-PATH, or --all-mine.");
            }

            if (stagingPath is not null)
            {
                stagingPath = CliUsageException.Check(() => StagingPath.Normalize(stagingPath));
            }

            await using var session = await connection.ConnectAsync(parseResult, cancellationToken).ConfigureAwait(false);
            var staging = session.Connection.Staging;
            bool asJson = parseResult.GetValue(json);
            if (sessionId is not null)
            {
                await staging.AbortSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
                context.Console.WriteLine(asJson
                    ? JsonSerializer.Serialize(new AbortLine(sessionId, "aborted"), CliJsonContext.Default.AbortLine)
                    : "aborted " + sessionId);
                return ExitCodes.Success;
            }

            long userId = session.Connection.Identity.UserId;
            var chosen = (await staging.ListSessionsAsync(cancellationToken).ConfigureAwait(false))
                .Where(s => mine ? s.Owner == userId : string.Equals(NormalizedOrSelf(s.Path), stagingPath, StringComparison.Ordinal))
                .ToList();
            if (chosen.Count == 0)
            {
                if (mine)
                {
                    if (!asJson)
                    {
                        context.Console.WriteLine("No active upload sessions of yours.");
                    }

                    return ExitCodes.Success;
                }

                throw new CliUsageException($"no active upload session uploads to {stagingPath}. List them with 'vaultstaging sessions list'.");
            }

            int failed = 0;
            foreach (var info in chosen)
            {
                try
                {
                    await staging.AbortSessionAsync(info.Id, cancellationToken).ConfigureAwait(false);
                    context.Console.WriteLine(asJson
                        ? JsonSerializer.Serialize(new AbortLine(info.Id, "aborted", info.Path), CliJsonContext.Default.AbortLine)
                        : "aborted " + info.Id + "  " + info.Path);
                }
                catch (Core.VaultStagingException error) when (!cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    if (asJson)
                    {
                        context.Console.WriteLine(JsonSerializer.Serialize(new AbortLine(info.Id, "failed", info.Path, ErrorReporter.Describe(error)), CliJsonContext.Default.AbortLine));
                    }

                    context.Console.WriteErrorLine((asJson ? ErrorReporter.Prefix : "") + "failed  " + info.Id + "  " + info.Path + "  " + ErrorReporter.Describe(error));
                }
            }

            return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static string NormalizedOrSelf(string path)
    {
        try
        {
            return StagingPath.Normalize(path);
        }
        catch (Core.VaultStagingException)
        {
            return path;
        }
    }

    private void WriteJson(UploadSessionInfo info) => context.Console.WriteLine(JsonSerializer.Serialize(
        new SessionLine(info.Id, info.Path, info.Size, info.Uploaded, info.UploadedParts, info.CreatedDate, info.LastUploadedDate, info.ExpirationDate),
        CliJsonContext.Default.SessionLine));

    private static string Bytes(long bytes)
        => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes (" + SizeFormat.Bytes(bytes) + ")";
}
