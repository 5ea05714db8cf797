using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using VaultStaging.Core;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Send-VaultFile: stages every piped or named file under -Destination. Small files go in one request, larger ones by
/// resumable session (continuing a session an earlier run left), up to -ThrottleLimit files at once.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "VaultFile", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(VaultUploadResult))]
public sealed class SendVaultFileCommand : LocalFileCmdlet
{
    private readonly StagingPathClaims _claims = new();
    private readonly HashSet<string> _localFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private ConnectedVault _vault = null!;
    private UploadOptions _options = null!;
    private string? _basePath;
    private UploadBatch? _batch;
    private TransferProgress? _progress;
    private int _directoriesSkipped;
    private bool _warnedAboutLinks;
    private int _filesAtOnce;
    private PathFilter _filter = PathFilter.None;

    /// <summary>The staging folder that receives the files, e.g. /inbound.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>Keeps each file's path relative to this local folder under -Destination (for piped Get-ChildItem -Recurse output).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BasePath { get; set; }

    /// <summary>Stages the files of a directory given as -Path, keeping the directory and its layout under -Destination.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Replaces files that already exist on the staging server.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    /// <summary>
    /// Leaves identical staged copies alone (Skipped: same size, staged after the local file's last write); a staged
    /// copy that differs fails that file (use -Update to replace it).
    /// </summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>Sync: stages new files, replaces staged copies that differ (Updated) and skips identical ones.</summary>
    [Parameter]
    public SwitchParameter Update { get; set; }

    /// <summary>With -Recurse, follows links to directories (a link back into a directory already staged is not entered).</summary>
    [Parameter]
    public SwitchParameter FollowLinks { get; set; }

    /// <summary>
    /// How many files are staged at once. Default: 4 on a LAN, 48 over a WAN (a round trip of 10 ms or more), with at
    /// most 4 files sent by resumable session at once (a few large files already fill a link).
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; }

    /// <summary>With -Recurse, only the files below a directory whose path (relative to it) matches one of these globs: *.pdf, reports/**.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Include { get; set; }

    /// <summary>With -Recurse, leaves out the files below a directory whose path (relative to it) matches one of these globs; wins over -Include.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Exclude { get; set; }

    /// <summary>Part size in bytes (5 MiB to 50,000,000); by default PartPlan.DefaultPartSize (12 MiB) on a near link, the API maximum over a far one, raised for very large files.</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long PartSize { get; set; }

    /// <summary>Files larger than this many bytes go through a resumable upload session (default and maximum 50,000,000).</summary>
    [Parameter]
    [ValidateRange(0L, 50_000_000L)]
    public long ResumableThreshold { get; set; } = 50_000_000;

    /// <summary>
    /// Also computes the MD5 of each whole file sent by session (the result's Md5): a second hash of every byte.
    /// Every part is verified by its own MD5 either way; files sent by a single request always have their Md5.
    /// </summary>
    [Parameter]
    public SwitchParameter ComputeMd5 { get; set; }

    /// <summary>Does not wait for the commit jobs; results say Committed instead of Staged.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Outputs one result object per input, failures included.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The id of the caller's own Write-Progress activity that this call's progress bar nests under.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int ProgressParentId { get; set; } = -1;

    protected override void BeginProcessing()
    {
        _vault = RequireConnection();
        if ((Overwrite ? 1 : 0) + (SkipExisting ? 1 : 0) + (Update ? 1 : 0) > 1)
        {
            ThrowArgumentError(
                VaultErrorIds.OverwriteAndSkipExisting,
                "-Overwrite, -Update and -SkipExisting contradict each other: -Overwrite replaces every staged copy, -Update only those that differ, -SkipExisting none. Use one of them.",
                null);
        }

        try
        {
            Destination = StagingPath.Normalize(Destination);
        }
        catch (Exception exception)
        {
            ThrowMappedError(exception, Destination);
        }

        _basePath = BasePath is null ? null : ResolveProviderPath(BasePath);
        _options = new UploadOptions
        {
            PartSize = PartSize > 0 ? PartSize : null,
            SmallFileThreshold = ResumableThreshold,
            IfExists = Overwrite ? ExistingFileAction.Overwrite : Update ? ExistingFileAction.Update : SkipExisting ? ExistingFileAction.Skip : ExistingFileAction.Fail,
            WaitForJob = !NoWait,
            ComputeFileMd5 = ComputeMd5,
            JobPollInterval = _vault.JobPollInterval,
        };
        var throttled = MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit));
        _filesAtOnce = throttled ? ThrottleLimit : TransferParallelism.FilesFor(_vault.Connection.RoundTrip);
        _options.MaxParallelSessions = throttled ? ThrottleLimit : Math.Min(_filesAtOnce, TransferParallelism.DefaultSessions);
        try
        {
            _filter = new PathFilter(Include, Exclude);
        }
        catch (Exception exception)
        {
            ThrowMappedError(exception, Include);
        }
        _progress = new TransferProgress($"Staging files to {_vault.Connection.Server.Host}", ProgressParentId);
    }

    protected override void ProcessRecord()
    {
        foreach (var path in ResolveLocalPaths())
        {
            foreach (var request in RequestsFor(path))
            {
                Stage(request);
            }
        }

        Queue.RunPending();
    }

    protected override void EndProcessing()
    {
        var batch = _batch;
        if (batch is not null)
        {
            RunEngine(token => batch.CompleteAsync(token));
        }

        WriteProgressRecords(_progress?.Complete());
    }

    private IEnumerable<UploadRequest> RequestsFor(string localPath)
    {
        if (!Directory.Exists(localPath))
        {
            return TryMap(localPath, out var request) ? new[] { request } : Array.Empty<UploadRequest>();
        }

        switch (LocalInputRules.ForDirectory(Recurse, namedExplicitly: !MyInvocation.ExpectingInput && !CameFromWildcard(localPath)))
        {
            case DirectoryOutcome.SkipWithWarning:
                if (_directoriesSkipped++ == 0)
                {
                    WriteWarning($"Skipped the directory '{localPath}' and any other piped or matched by a wildcard without -Recurse. Add -Recurse to stage their files; Get-ChildItem -File pipes no directories.");
                }
                else
                {
                    WriteVerbose($"Skipped the directory '{localPath}' (no -Recurse).");
                }

                return Array.Empty<UploadRequest>();
            case DirectoryOutcome.Error:
                OnLocalPathError(new VaultErrorInfo(VaultErrorIds.DirectoryNeedsRecurse, ErrorCategory.InvalidArgument, $"'{localPath}' is a directory. Add -Recurse to stage its files, or pipe Get-ChildItem -File.", localPath));
                return Array.Empty<UploadRequest>();
        }

        IReadOnlyList<UploadRequest> files;
        try
        {
            var selection = LocalFileSelector.Select(new[] { localPath }, Destination, recurse: true, FollowLinks, _filter);
            WarnAboutLinks(selection);
            foreach (var excluded in selection.Excluded)
            {
                WriteVerbose($"Left out '{excluded}' (-Include/-Exclude).");
            }

            files = selection.Requests;
        }
        catch (Exception exception)
        {
            WriteFailure(exception, localPath, null);
            return Array.Empty<UploadRequest>();
        }

        if (_basePath is null)
        {
            return files;
        }

        // With -BasePath every file maps the same way, whether it came inside a directory or by itself.
        var mapped = new List<UploadRequest>(files.Count);
        foreach (var file in files)
        {
            if (TryMap(file.LocalPath, out var request))
            {
                mapped.Add(request);
            }
        }

        return mapped;
    }

    private bool TryMap(string localPath, out UploadRequest request)
    {
        try
        {
            request = new UploadRequest(localPath, LocalFileSelector.MapToStaging(localPath, Destination, _basePath));
            return true;
        }
        catch (Exception exception)
        {
            WriteFailure(exception, localPath, null);
            request = null!;
            return false;
        }
    }

    /// <summary>Once per call, never silently: directory links left alone, and loops not entered.</summary>
    private void WarnAboutLinks(LocalSelection selection)
    {
        if (selection.SkippedDirectoryLinks.Count > 0 && !_warnedAboutLinks)
        {
            _warnedAboutLinks = true;
            WriteWarning($"{selection.SkippedDirectoryLinks.Count} link(s) to directories not followed (first: '{selection.SkippedDirectoryLinks[0]}'); add -FollowLinks to stage what they point at.");
        }

        foreach (var loop in selection.LinkLoops)
        {
            WriteWarning($"'{loop}' links back to a directory already staged in this call (a loop); not followed.");
        }
    }

    private void Stage(UploadRequest request)
    {
        if (!_localFiles.Add(request.LocalPath))
        {
            // The same file twice (in a piped directory with -Recurse and by itself): one upload, one result.
            WriteVerbose($"'{request.LocalPath}' is already part of this call.");
            return;
        }

        if (_claims.Claim(request) is { } conflict)
        {
            WriteFailure(conflict.ToError(), request.LocalPath, request.StagingPath);
            return;
        }

        long size;
        try
        {
            size = LocalFileSelector.ContentLength(request.LocalPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            WriteFailure(exception, request.LocalPath, request.StagingPath);
            return;
        }

        if (!ShouldProcess($"{request.LocalPath} -> {request.StagingPath}", $"Stage file ({TransferProgress.Bytes(size)})"))
        {
            return;
        }

        _sizes[request.LocalPath] = size;
        _progress?.AddFile(size);
        using (ModuleLog.Route(Queue))
        {
            BatchForPosting().Post(request);
        }
    }

    /// <summary>A local path that cannot be staged: an error, and with -PassThru a Failed result, so reports miss no input.</summary>
    protected override void OnLocalPathError(VaultErrorInfo error)
        => WriteFailure(error, new ItemNotFoundException(error.Message), null);

    private void WriteFailure(Exception exception, string localPath, string? stagingPath)
        => WriteFailure(ErrorMapping.MapForLocalFile(exception, localPath), exception, stagingPath);

    private void WriteFailure(VaultErrorInfo error, Exception exception, string? stagingPath)
    {
        WriteError(error.ToErrorRecord(exception));
        if (PassThru)
        {
            WriteObject(new VaultUploadResult(error.Target as string ?? "", stagingPath, error));
        }
    }

    /// <summary>Created at the first file, so -WhatIf and empty input start no workers.</summary>
    private UploadBatch BatchForPosting()
    {
        if (_batch is null)
        {
            // Ctrl+C reaches every file through the batch's token; the workers inherit the log route set by the caller.
            _batch = new UploadBatch(_vault.Connection, _options, _filesAtOnce, StopToken);
            _batch.FileCompleted += (_, result) => Queue.Post(() => OnFileCompleted(result));
            if (_progress is not null)
            {
                var progress = _progress;
                _batch.Progress += (_, update) => Queue.Post(() => WriteProgressRecords(progress.Update(update)));
            }
        }

        return _batch;
    }

    private void OnFileCompleted(UploadResult result)
    {
        _sizes.TryGetValue(result.LocalPath, out var size);
        WriteProgressRecords(_progress?.FileEnded(result.LocalPath, size));
        switch (result.Status)
        {
            case UploadStatus.Failed:
                var error = result.Error ?? new Core.VaultStagingException(VaultErrorIds.UploadFailed, Core.VaultErrorCategory.NotSpecified, $"Staging '{result.LocalPath}' failed.");
                WriteLocalFileError(error, result.LocalPath);
                break;
            case UploadStatus.Cancelled:
                WriteVerbose($"Stopped '{result.LocalPath}'; its upload session is kept and the next run resumes it.");
                return;
            case UploadStatus.Skipped:
                WriteVerbose($"Skipped '{result.LocalPath}': an identical copy is staged as {result.StagingPath}.");
                break;
            default:
                WriteVerbose($"{result.Status} '{result.LocalPath}' as {result.StagingPath} ({TransferProgress.Bytes(result.Size)}, {result.PartsSent} of {result.Parts} parts sent, {result.Duration.TotalSeconds:0.0} s).");
                break;
        }

        if (PassThru)
        {
            WriteObject(new VaultUploadResult(result));
        }
    }

    private void WriteProgressRecords(IEnumerable<ProgressRecord>? records)
    {
        if (records is null)
        {
            return;
        }

        foreach (var record in records)
        {
            WriteProgress(record);
        }
    }
}
