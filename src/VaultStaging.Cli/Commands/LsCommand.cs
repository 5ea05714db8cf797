using System.CommandLine;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Commands;

/// <summary><c>vaultstaging ls [PATH] [--recurse]</c>: lists staging items (kind, size, modified, path).</summary>
internal sealed class LsCommand
{
    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;

    private readonly Argument<string> path = new("path")
    {
        Description = "Staging folder or file (absolute). Default: the staging root as the user sees it.",
        DefaultValueFactory = _ => "/",
    };

    private readonly Option<bool> recurse = new("--recurse", "-r")
    {
        Description = "Include everything under the folder.",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object per item (JSON Lines) instead of text.",
    };

    public LsCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
    }

    public Command Build()
    {
        var command = new Command("ls", "List files and folders on the staging server.") { path, recurse, json };
        connection.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string folder = CliUsageException.Check(() => StagingPath.Normalize(parseResult.GetValue(path) ?? "/"));
        await using var session = await connection.ConnectAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var items = await session.Connection.Staging.ListItemsAsync(folder, parseResult.GetValue(recurse), cancellationToken).ConfigureAwait(false);

        if (parseResult.GetValue(json))
        {
            foreach (var item in items)
            {
                var line = new ItemLine(KindName(item.Kind), item.Path, item.Name, item.Size, item.ModifiedDate);
                context.Console.WriteLine(JsonSerializer.Serialize(line, CliJsonContext.Default.ItemLine));
            }

            return ExitCodes.Success;
        }

        var table = new TextTable("KIND", "SIZE", "MODIFIED", "PATH");
        foreach (var item in items)
        {
            table.Add(KindName(item.Kind), item.Size is { } size ? SizeFormat.Bytes(size) : "-", SizeFormat.Timestamp(item.ModifiedDate), item.Path);
        }

        context.Console.WriteLines(table.Lines());
        return ExitCodes.Success;
    }

    private static string KindName(StagingItemKind kind) => kind == StagingItemKind.Folder ? "folder" : "file";
}
