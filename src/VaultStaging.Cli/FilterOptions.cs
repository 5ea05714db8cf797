using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Cli;

/// <summary>--include, --exclude and --exclude-from of upload and download, turned into one <see cref="PathFilter"/>.</summary>
internal sealed class FilterOptions
{
    private readonly CliContext context;

    private readonly Option<string[]> include = new("--include")
    {
        Description = "Only files matching this glob (repeatable), on the path below the folder given: *.pdf, reports/**, **/final/*.",
        HelpName = "GLOB",
    };

    private readonly Option<string[]> exclude = new("--exclude")
    {
        Description = "Leave out files matching this glob (repeatable; wins over --include): *.tmp, **/.git/**.",
        HelpName = "GLOB",
    };

    private readonly Option<string?> excludeFrom = new("--exclude-from")
    {
        Description = "Read more exclude globs from FILE, one per line ('#' starts a comment).",
        HelpName = "FILE",
    };

    public FilterOptions(CliContext context) => this.context = context;

    public void AddTo(Command command)
    {
        command.Options.Add(include);
        command.Options.Add(exclude);
        command.Options.Add(excludeFrom);
    }

    /// <summary>A usage error (exit 2) for an empty glob or an unreadable pattern file.</summary>
    public PathFilter Bind(ParseResult parseResult) => CliUsageException.Check(() =>
    {
        var excludes = (parseResult.GetValue(exclude) ?? Array.Empty<string>()).ToList();
        if (parseResult.GetValue(excludeFrom) is { } file)
        {
            excludes.AddRange(PathFilter.ReadPatternFile(file));
        }

        return new PathFilter(parseResult.GetValue(include), excludes);
    });

    /// <summary>Filtered files are never silent: a count on stderr, and each one with <paramref name="listEach"/> (a plain --dry-run).</summary>
    public void ReportExcluded(IReadOnlyList<string> excluded, bool listEach)
    {
        if (excluded.Count == 0)
        {
            return;
        }

        if (listEach)
        {
            foreach (var file in excluded)
            {
                context.Console.WriteLine("would exclude " + file);
            }
        }

        context.Console.WriteErrorLine(ErrorReporter.Prefix + $"{excluded.Count} file(s) left out by --include/--exclude.");
    }
}
