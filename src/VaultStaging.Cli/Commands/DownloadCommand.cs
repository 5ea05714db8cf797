using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli.Output;
using VaultStaging.Core;
using VaultStaging.Core.Download;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Commands;

/// <summary>
/// <c>vaultstaging download PATH... --to FOLDER</c>: lists what the paths hold first (so a bad command line downloads
/// nothing), then downloads several files at once, each in verified, resumable ranges.
/// </summary>
internal sealed class DownloadCommand
{
    private const int DefaultParallel = 4;
    private const int MaxParallel = 32;

    private readonly CliContext context;
    private readonly ConnectionOptionsBinder connection;
    private readonly BandwidthOption bandwidth = new();
    private readonly FilterOptions filters;

    private readonly Argument<string[]> paths = new("staging-path")
    {
        Description = "Staged files, or folders with --recurse (absolute, e.g. /exports/2025-11 or /u1234/inbox for an admin's home).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> to = new("--to")
    {
        Description = "Local folder to save into (created when missing). A folder lands as a sub-folder of its own name.",
        HelpName = "FOLDER",
        Required = true,
    };

    private readonly Option<bool> recurse = new("--recurse", "-r")
    {
        Description = "Download folders with everything under them, keeping their layout (empty folders included).",
    };

    private readonly Option<bool> skipExisting = new("--skip-existing")
    {
        Description = "Keep local files that already exist and report them as skipped.",
    };

    private readonly Option<bool> update = new("--update")
    {
        Description = "Replace a local file only when the staged one is newer (or as old with another size).",
    };

    private readonly Option<bool> overwrite = new("--overwrite")
    {
        Description = "Replace local files that already exist.",
    };

    private readonly Option<int> parallel = new("--parallel")
    {
        Description = "Files downloaded at once.",
        DefaultValueFactory = _ => DefaultParallel,
        HelpName = "N",
    };

    private readonly Option<bool> dryRun = new("--dry-run")
    {
        Description = "List what would be downloaded, resumed, replaced or skipped; write nothing.",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object per file (JSON Lines) instead of text.",
    };

    /// <summary>Hidden: bytes per Range request (default and maximum the documented 50 MB); lets tests split small files.</summary>
    private readonly Option<long?> rangeSize = new("--range-size")
    {
        Hidden = true,
    };

    public DownloadCommand(CliContext context)
    {
        this.context = context;
        connection = new ConnectionOptionsBinder(context);
        filters = new FilterOptions(context);
    }

    public Command Build()
    {
        var command = new Command("download", "Download staged files to a local folder: verified, resumable, several at once.")
        {
            paths, to, recurse, skipExisting, update, overwrite, parallel, dryRun, json, rangeSize,
        };
        filters.AddTo(command);
        bandwidth.AddTo(command);
        connection.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = BuildOptions(parseResult);
        int maxParallel = parseResult.GetValue(parallel);
        string[] stagingPaths = (parseResult.GetValue(paths) ?? Array.Empty<string>()).Select(CheckStagingPath).ToArray();
        string folder = LocalFolder(parseResult.GetValue(to) ?? "");
        bool asJson = parseResult.GetValue(json);
        var filter = filters.Bind(parseResult);
        long? maxBytesPerSecond = bandwidth.Bind(parseResult);
        var settings = connection.Bind(parseResult);

        await using var session = await VaultSession.OpenAsync(settings, context.Console, cancellationToken).ConfigureAwait(false);
        session.Connection.MaxBytesPerSecond = maxBytesPerSecond;
        var reporter = new DownloadReporter(context.Console, asJson);
        var selection = new DownloadSelection { Filter = filter };
        foreach (var stagingPath in stagingPaths)
        {
            try
            {
                await DownloadSelector.SelectAsync(session.Connection.Staging, stagingPath, folder, parseResult.GetValue(recurse), selection, cancellationToken).ConfigureAwait(false);
            }
            catch (VaultStagingException folderWithoutRecurse) when (folderWithoutRecurse.ErrorId == VaultErrorIds.StagingFolderNeedsRecurse)
            {
                throw new CliUsageException($"{stagingPath} is a folder: pass --recurse to download everything below it, keeping its layout under --to.", folderWithoutRecurse);
            }
            catch (VaultStagingException notThere) when (notThere.Category == VaultErrorCategory.ObjectNotFound)
            {
                reporter.Report(new DownloadResult { StagingPath = stagingPath, Status = DownloadStatus.Failed, Error = notThere });
            }
        }

        foreach (var refused in selection.Refused)
        {
            reporter.Report(refused);
        }

        filters.ReportExcluded(selection.Excluded, parseResult.GetValue(dryRun) && !asJson);

        if (parseResult.GetValue(dryRun))
        {
            WritePlan(selection, options, asJson);
            return reporter.AnyFailed ? ExitCodes.Failure : ExitCodes.Success;
        }

        foreach (var localFolder in selection.Folders)
        {
            Directory.CreateDirectory(localFolder);
        }

        return await DownloadAsync(session, options, selection.Files, maxParallel, reporter, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> DownloadAsync(VaultSession session, DownloadOptions options, IReadOnlyList<DownloadRequest> files, int maxParallel, DownloadReporter reporter, CancellationToken cancellationToken)
    {
        var progress = new ProgressRenderer(context.Console, files.Count, files.Sum(f => f.Item.Size ?? 0));
        var batch = new DownloadBatch(session.Connection, options, maxParallel);
        batch.Progress += (_, update) => progress.OnProgress(update);
        batch.FileCompleted += (_, result) =>
        {
            progress.OnFileCompleted(result);
            reporter.Report(result);
        };

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await batch.RunAsync(files, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Finish();
        }

        reporter.WriteSummary(stopwatch.Elapsed);
        if (cancellationToken.IsCancellationRequested)
        {
            context.Console.WriteErrorLine(ErrorReporter.Prefix
                + "cancelled: the download was stopped before every file was saved. Partial files (*.vaultstaging-partial) stay; run the same command again to resume them.");
            return ExitCodes.Cancelled;
        }

        return reporter.AnyFailed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private void WritePlan(DownloadSelection selection, DownloadOptions options, bool asJson)
    {
        foreach (var request in selection.Files)
        {
            var decision = FileDownloader.Decide(request, options.IfExists);
            long partial = decision is DownloadDecision.Download or DownloadDecision.Replace ? FileDownloader.PartialBytes(request) : 0;
            string action = decision switch
            {
                DownloadDecision.Skip => "skip",
                DownloadDecision.Refuse => "fail",
                DownloadDecision.Replace => "replace",
                _ when partial > 0 => "resume",
                _ => "download",
            };
            long size = request.Item.Size ?? 0;
            if (asJson)
            {
                context.Console.WriteLine(JsonSerializer.Serialize(
                    new DownloadPlanLine(request.StagingPath, request.LocalPath, size, action, partial > 0 ? partial : null),
                    CliJsonContext.Default.DownloadPlanLine));
                continue;
            }

            string detail = decision switch
            {
                DownloadDecision.Refuse => "  (the local file exists: pass --skip-existing, --update or --overwrite)",
                _ when partial > 0 => "  (" + SizeFormat.Bytes(partial) + " already on disk)",
                _ => "",
            };
            context.Console.WriteLine($"would {action,-8} {request.StagingPath}  -> {request.LocalPath}  {SizeFormat.Bytes(size)}{detail}");
        }

        if (!asJson)
        {
            context.Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "dry run: {0} file(s), {1}; nothing was written.",
                selection.Files.Count,
                SizeFormat.Bytes(selection.Files.Sum(f => f.Item.Size ?? 0))));
        }
    }

    private DownloadOptions BuildOptions(ParseResult parseResult)
    {
        var chosen = new List<string>();
        if (parseResult.GetValue(skipExisting))
        {
            chosen.Add("--skip-existing");
        }

        if (parseResult.GetValue(update))
        {
            chosen.Add("--update");
        }

        if (parseResult.GetValue(overwrite))
        {
            chosen.Add("--overwrite");
        }

        if (chosen.Count > 1)
        {
            throw new CliUsageException(string.Join(" and ", chosen) + " contradict each other: each says what to do with a local file that exists. Pass only one.");
        }

        int maxParallel = parseResult.GetValue(parallel);
        if (maxParallel < 1 || maxParallel > MaxParallel)
        {
            throw new CliUsageException(string.Format(
                CultureInfo.InvariantCulture,
                "invalid --parallel {0}: it must be between 1 and {1}. The default is {2}.",
                maxParallel,
                MaxParallel,
                DefaultParallel));
        }

        var options = new DownloadOptions
        {
            IfExists = chosen.Count == 0 ? ExistingLocalFileAction.Fail
                : chosen[0] == "--skip-existing" ? ExistingLocalFileAction.Skip
                : chosen[0] == "--update" ? ExistingLocalFileAction.Update
                : ExistingLocalFileAction.Overwrite,
        };
        if (parseResult.GetValue(rangeSize) is { } bytes)
        {
            if (bytes < 1 || bytes > DownloadOptions.MaxRangeSize)
            {
                throw new CliUsageException($"invalid --range-size {bytes}: Vault serves at most {DownloadOptions.MaxRangeSize} bytes per range.");
            }

            options.RangeSize = bytes;
            options.ResumeCheckSize = Math.Min(options.ResumeCheckSize, bytes);
        }

        return options;
    }

    /// <summary>The parser takes an unknown "--flag" for one more path; name it as the mistake it is.</summary>
    private static string CheckStagingPath(string path)
    {
        if (path.StartsWith('-'))
        {
            throw new CliUsageException($"unknown option '{path}' for download. Run 'vaultstaging download --help' for the options (credentials come only from the environment).");
        }

        return CliUsageException.Check(() => StagingPath.Normalize(path));
    }

    private static string LocalFolder(string folder)
    {
        if (folder.Length == 0)
        {
            throw new CliUsageException("--to needs a local folder to save into.");
        }

        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new CliUsageException($"--to '{folder}' is a file: give the local folder to save into.");
        }

        return full;
    }
}
