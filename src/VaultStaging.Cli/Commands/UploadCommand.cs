using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Cli.Commands;

/// <summary><c>vaultstaging upload PATH... --to FOLDER</c>: validates everything first, then stages files in parallel.</summary>
internal sealed class UploadCommand
{
    private const int MaxParallel = 64;

    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;
    private readonly BandwidthOption bandwidth = new();
    private readonly FilterOptions filters;

    private readonly Argument<string[]> paths = new("path")
    {
        Description = "Local files, or folders with --recurse.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> to = new("--to")
    {
        Description = "Staging folder to upload into, absolute (e.g. /imports/2025-11 or /u1234/inbox for an admin's home).",
        HelpName = "FOLDER",
        Required = true,
    };

    private readonly Option<bool> recurse = new("--recurse", "-r", "--recursive")
    {
        Description = "Upload folders with everything under them, keeping their relative layout under --to.",
    };

    private readonly Option<bool> overwrite = new("--overwrite")
    {
        Description = "Replace files that are already staged.",
    };

    private readonly Option<bool> skipExisting = new("--skip-existing")
    {
        Description = "Leave identical staged copies alone (skipped); a staged copy that differs fails that file.",
    };

    private readonly Option<bool> update = new("--update")
    {
        Description = "Sync: stage new files, replace staged copies that differ (updated), skip identical ones.",
    };

    private readonly Option<bool> followLinks = new("--follow-links")
    {
        Description = "Follow links to directories under a folder given with --recurse (loops are not entered).",
    };

    private readonly Option<bool> dryRun = new("--dry-run")
    {
        Description = "Print what each file would get (stage, update, skip, fail) and send nothing that changes the server.",
    };

    private readonly Option<int?> parallel = new("--parallel")
    {
        Description = "Files uploaded at once. Default: 4 on a LAN, 48 over a WAN (a round trip of 10 ms or more), with at most 4 large files sent by session at once.",
        HelpName = "N",
    };

    private readonly Option<string?> partSize = new("--part-size")
    {
        Description = "Part size of resumable uploads, e.g. 8MiB, 16MB or 20000000 (5 MiB to 50 MB; default 12 MiB, raised for very large files).",
        HelpName = "SIZE",
    };

    private readonly Option<bool> noWait = new("--no-wait")
    {
        Description = "Do not wait for the commit jobs; files are reported as committed.",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object per file (JSON Lines) instead of text.",
    };

    public UploadCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
        filters = new FilterOptions(context);
    }

    public Command Build()
    {
        var command = new Command("upload", "Stage local files on the Vault file staging server (resumable for files over 50 MB).")
        {
            paths, to, recurse, overwrite, skipExisting, update, followLinks, dryRun, parallel, partSize, noWait, json,
        };
        filters.AddTo(command);
        bandwidth.AddTo(command);
        connection.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = BuildUploadOptions(parseResult);
        var files = SelectFiles(parseResult, options);
        int? chosenParallel = parseResult.GetValue(parallel);
        long? maxBytesPerSecond = bandwidth.Bind(parseResult);
        var settings = connection.Bind(parseResult);

        await using var session = await VaultSession.OpenAsync(settings, context.Console, cancellationToken).ConfigureAwait(false);
        session.Connection.MaxBytesPerSecond = maxBytesPerSecond;
        options.JobPollInterval = session.JobPollInterval;
        int maxParallel = chosenParallel ?? TransferParallelism.FilesFor(session.Connection.RoundTrip);
        options.MaxParallelSessions = chosenParallel ?? Math.Min(maxParallel, TransferParallelism.DefaultSessions);
        context.CreateLog(parseResult).Verbose($"{maxParallel} file(s) at once, at most {options.MaxParallelSessions} by session (round trip {session.Connection.RoundTrip.TotalMilliseconds:0} ms).");
        return await UploadAsync(session, options, files, maxParallel, parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> UploadAsync(VaultSession session, UploadOptions options, IReadOnlyList<LocalFile> files, int maxParallel, bool asJson, CancellationToken cancellationToken)
    {
        var reporter = new UploadReporter(context.Console, asJson, options.DryRun);
        var progress = new ProgressRenderer(context.Console, files.Count, files.Sum(f => f.Size));
        var batch = new UploadBatch(session.Connection, options, maxParallel);
        batch.Progress += (_, update) => progress.OnProgress(update);
        batch.FileCompleted += (_, result) =>
        {
            progress.OnFileCompleted(result);
            reporter.Report(result);
        };

        var stopwatch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            batch.Post(file.Request);
        }

        try
        {
            await batch.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Reported below, like files that ended as Cancelled.
        }
        finally
        {
            progress.Finish();
        }

        reporter.WriteSummary(stopwatch.Elapsed, session.Connection.ThrottlingSummary());
        if (cancellationToken.IsCancellationRequested)
        {
            context.Console.WriteErrorLine(ErrorReporter.Prefix
                + "cancelled: the upload was stopped before every file was staged. Unfinished upload sessions stay on the server; run the same command again to resume them.");
            return ExitCodes.Cancelled;
        }

        return reporter.AnyFailed || reporter.Unfinished > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private UploadOptions BuildUploadOptions(ParseResult parseResult)
    {
        bool replace = parseResult.GetValue(overwrite);
        bool skip = parseResult.GetValue(skipExisting);
        bool sync = parseResult.GetValue(update);
        if ((replace ? 1 : 0) + (skip ? 1 : 0) + (sync ? 1 : 0) > 1)
        {
            throw new CliUsageException("--overwrite, --update and --skip-existing contradict each other: --overwrite replaces every staged copy, "
                + "--update only those that differ, --skip-existing none. Pass only one.");
        }

        if (parseResult.GetValue(parallel) is { } maxParallel && (maxParallel < 1 || maxParallel > MaxParallel))
        {
            throw new CliUsageException(string.Format(
                CultureInfo.InvariantCulture,
                "invalid --parallel {0}: it must be between 1 and {1}. Without it, 4 files go at once on a LAN and {2} over a WAN.",
                maxParallel,
                MaxParallel,
                TransferParallelism.WanFiles));
        }

        string apiVersion = parseResult.GetValue(connection.ApiVersion) ?? VaultConnectionOptions.DefaultApiVersion;
        var limits = CliUsageException.Check(() => PartLimits.ForApiVersion(apiVersion));
        var options = new UploadOptions
        {
            IfExists = replace ? ExistingFileAction.Overwrite : sync ? ExistingFileAction.Update : skip ? ExistingFileAction.Skip : ExistingFileAction.Fail,
            DryRun = parseResult.GetValue(dryRun),
            WaitForJob = !parseResult.GetValue(noWait),
            Limits = limits,
        };

        if (parseResult.GetValue(partSize) is { } partSizeText)
        {
            long bytes = SizeParser.Parse(partSizeText, "--part-size");
            if (bytes < limits.MinPartSize || bytes > limits.MaxPartSize)
            {
                throw new CliUsageException(string.Format(
                    CultureInfo.InvariantCulture,
                    "invalid --part-size {0}: Vault accepts parts of {1} to {2} bytes ({3} to {4}). Choose a size in that range, e.g. 16MiB.",
                    partSizeText,
                    limits.MinPartSize,
                    limits.MaxPartSize,
                    SizeFormat.Bytes(limits.MinPartSize),
                    SizeFormat.Bytes(limits.MaxPartSize)));
            }

            options.PartSize = bytes;
        }

        return options;
    }

    /// <summary>Expands the paths and checks every file fits the part limits, so a bad command line uploads nothing.</summary>
    private IReadOnlyList<LocalFile> SelectFiles(ParseResult parseResult, UploadOptions options)
    {
        string[] localPaths = parseResult.GetValue(paths) ?? Array.Empty<string>();
        string folder = parseResult.GetValue(to) ?? "";
        bool withRecurse = parseResult.GetValue(recurse);
        RejectUnknownOptions(localPaths);
        var filter = filters.Bind(parseResult);
        var selection = CliUsageException.Check(() => LocalFileSelector.Select(localPaths, folder, withRecurse, parseResult.GetValue(followLinks), filter));
        RejectConflicts(selection.Conflicts);
        WarnAboutLinks(selection);
        filters.ReportExcluded(selection.Excluded, options.DryRun && !parseResult.GetValue(json));

        var files = new List<LocalFile>(selection.Requests.Count);
        foreach (var request in selection.Requests)
        {
            long size = LocalFileSelector.ContentLength(request.LocalPath);
            if (size > options.SmallFileThreshold)
            {
                CliUsageException.Check(() => PartPlan.Create(size, options.Limits!, options.PartSize), request.LocalPath);
            }

            files.Add(new LocalFile(request, size));
        }

        return files;
    }

    /// <summary>Two local files for one staging path: refused before anything is sent, every pair listed.</summary>
    private static void RejectConflicts(IReadOnlyList<StagingPathConflict> conflicts)
    {
        if (conflicts.Count == 0)
        {
            return;
        }

        var pairs = conflicts.Select(c => $"'{c.OtherLocalPath}' and '{c.LocalPath}' -> {c.StagingPath}");
        throw new CliUsageException(string.Format(
            CultureInfo.InvariantCulture,
            "{0} staging path(s) would receive two local files, so nothing was sent (staging paths do not distinguish upper and lower case): {1}. "
            + "Rename the files or upload them to different folders.",
            conflicts.Count,
            string.Join("; ", pairs)));
    }

    /// <summary>Once per run, never silently: directory links left alone, and loops not entered.</summary>
    private void WarnAboutLinks(LocalSelection selection)
    {
        if (selection.SkippedDirectoryLinks.Count > 0)
        {
            context.Console.WriteErrorLine(ErrorReporter.Prefix + string.Format(
                CultureInfo.InvariantCulture,
                "warning: {0} link(s) to directories not followed (first: '{1}'); pass --follow-links to stage what they point at.",
                selection.SkippedDirectoryLinks.Count,
                selection.SkippedDirectoryLinks[0]));
        }

        foreach (var loop in selection.LinkLoops)
        {
            context.Console.WriteErrorLine(ErrorReporter.Prefix + $"warning: '{loop}' links back to a directory already staged in this run (a loop); not followed.");
        }
    }

    /// <summary>
    /// The parser takes an unknown "--flag" for one more path; name it as the mistake it almost surely is
    /// (unless such a file really exists).
    /// </summary>
    private static void RejectUnknownOptions(IEnumerable<string> localPaths)
    {
        foreach (string localPath in localPaths)
        {
            if (localPath.StartsWith('-') && !File.Exists(localPath) && !Directory.Exists(localPath))
            {
                throw new CliUsageException($"unknown option '{localPath}' for upload. Run 'vaultstaging upload --help' for the options (credentials come only from the environment).");
            }
        }
    }

    private sealed record LocalFile(UploadRequest Request, long Size);
}
