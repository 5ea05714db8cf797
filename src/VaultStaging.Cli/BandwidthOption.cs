using System;
using System.CommandLine;

namespace VaultStaging.Cli;

/// <summary>--bwlimit of upload and download: one ceiling shared by every transfer of the run.</summary>
internal sealed class BandwidthOption
{
    private readonly Option<string?> option = new("--bwlimit")
    {
        Description = "At most RATE bytes per second for the whole run, every file together: 10MiB, 50MB, 2M (powers of 1000 for KB/MB/GB, of 1024 otherwise; '/s' may follow).",
        HelpName = "RATE",
    };

    public void AddTo(Command command) => command.Options.Add(option);

    /// <summary>The rate in bytes per second, or null; a usage error (exit 2) for a rate that is not one.</summary>
    public long? Bind(ParseResult parseResult)
    {
        if (parseResult.GetValue(option) is not { } text)
        {
            return null;
        }

        var rate = text.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? text.Substring(0, text.Length - 2) : text;
        long bytes = SizeParser.Parse(rate, "--bwlimit");
        if (bytes < 1024)
        {
            throw new CliUsageException($"invalid --bwlimit {text}: give at least 1KiB per second, e.g. 10MiB.");
        }

        return bytes;
    }
}
