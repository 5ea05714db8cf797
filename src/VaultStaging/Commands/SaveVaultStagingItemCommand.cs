using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using VaultStaging.Core;
using VaultStaging.Core.Download;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Save-VaultStagingItem: downloads staged files (folders with -Recurse) into a local folder, several at once, in
/// verified, resumable ranges. A file gets its final name only once its size matches the listing.
/// </summary>
[Cmdlet(VerbsData.Save, "VaultStagingItem", SupportsShouldProcess = true)]
[OutputType(typeof(DownloadResult))]
public sealed class SaveVaultStagingItemCommand : VaultServerCmdlet
{
    private readonly List<DownloadRequest> _requests = new();
    private readonly HashSet<string> _localPaths = new(StringComparer.OrdinalIgnoreCase);
    private ConnectedVault _vault = null!;
    private DownloadOptions _options = null!;
    private string _destination = "";
    private TransferProgress _progress = null!;

    /// <summary>Absolute staging paths of files, or folders with -Recurse; items from Get-VaultStagingItem bind by their Path.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The local folder to save into (created when missing); a staged folder lands as a sub-folder of its name.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>Downloads folders with everything below them, keeping their layout.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Replaces local files that already exist.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    /// <summary>Keeps local files that already exist (reported in the verbose stream).</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>Replaces a local file only when the staged file is newer (or as old with another size).</summary>
    [Parameter]
    public SwitchParameter Update { get; set; }

    /// <summary>Files downloaded at once (1 to 32, default 4).</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Outputs a result per file (status, size, bytes resumed).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        _vault = RequireConnection();
        var modes = (Overwrite ? 1 : 0) + (SkipExisting ? 1 : 0) + (Update ? 1 : 0);
        if (modes > 1)
        {
            ThrowArgumentError(VaultErrorIds.ConflictingExistingFileModes, "-Overwrite, -SkipExisting and -Update each say what to do with a local file that exists; use only one.", null);
        }

        var provider = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination, out var providerInfo, out _);
        if (providerInfo.Name != "FileSystem")
        {
            ThrowArgumentError(VaultErrorIds.DestinationNotFileSystem, $"-Destination '{Destination}' is on the {providerInfo.Name} provider; give a folder on the file system.", Destination);
        }

        if (File.Exists(provider))
        {
            ThrowArgumentError(VaultErrorIds.DestinationIsFile, $"-Destination '{Destination}' is a file; give the folder to save into.", Destination);
        }

        _destination = provider;
        _options = new DownloadOptions
        {
            IfExists = Overwrite ? ExistingLocalFileAction.Overwrite
                : SkipExisting ? ExistingLocalFileAction.Skip
                : Update ? ExistingLocalFileAction.Update
                : ExistingLocalFileAction.Fail,
        };

        // Records are always made (the throttle keeps them cheap); showing them is $ProgressPreference's and the host's business.
        _progress = new TransferProgress($"Saving files from {_vault.Connection.Server.Host}");
    }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            var selection = new DownloadSelection();
            if (!TryRunEngine(path, async token =>
                {
                    await DownloadSelector.SelectAsync(_vault.Connection.Staging, path, _destination, Recurse, selection, token).ConfigureAwait(false);
                    return true;
                }, out _))
            {
                continue;
            }

            foreach (var refused in selection.Refused)
            {
                WriteMappedError(refused.Error!, refused.StagingPath);
            }

            foreach (var folder in selection.Folders)
            {
                if (!Directory.Exists(folder) && ShouldProcess(folder, "Create local folder"))
                {
                    Directory.CreateDirectory(folder);
                }
            }

            foreach (var request in selection.Files)
            {
                Add(request);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_requests.Count == 0)
        {
            return;
        }

        var batch = new DownloadBatch(_vault.Connection, _options, ThrottleLimit);
        batch.FileCompleted += (_, result) => Queue.Post(() => OnFileCompleted(result));
        batch.Progress += (_, update) => Queue.Post(() => WriteProgressRecords(_progress.Update(update)));
        RunEngine(token => batch.RunAsync(_requests, token));
        WriteProgressRecords(_progress.Complete());
    }

    private void Add(DownloadRequest request)
    {
        if (!_localPaths.Add(request.LocalPath))
        {
            WriteError(new VaultErrorInfo(
                VaultErrorIds.DuplicateLocalPath,
                ErrorCategory.InvalidArgument,
                $"{request.StagingPath} would be saved as '{request.LocalPath}', where another file of this call goes. Save it in a separate call with another -Destination.",
                request.StagingPath).ToErrorRecord(new ArgumentException(request.LocalPath)));
            return;
        }

        var size = request.Item.Size ?? 0;
        var decision = FileDownloader.Decide(request, _options.IfExists);
        var action = decision switch
        {
            DownloadDecision.Replace => $"Replace local file ({TransferProgress.Bytes(size)})",
            DownloadDecision.Skip => "Keep the existing local file",
            _ => $"Save file ({TransferProgress.Bytes(size)})",
        };
        if (ShouldProcess($"{request.StagingPath} -> {request.LocalPath}", action))
        {
            _requests.Add(request);
            _progress.AddFile(size);
        }
    }

    private void OnFileCompleted(DownloadResult result)
    {
        WriteProgressRecords(_progress.FileEnded(result.LocalPath, result.Size));
        switch (result.Status)
        {
            case DownloadStatus.Failed:
                WriteMappedError(result.Error ?? new Core.VaultStagingException(VaultErrorIds.DownloadFailed, Core.VaultErrorCategory.NotSpecified, $"Saving {result.StagingPath} failed."), result.StagingPath);
                break;
            case DownloadStatus.Cancelled:
                WriteVerbose($"Stopped {result.StagingPath}; its partial file stays and the next run resumes it.");
                return;
            case DownloadStatus.Skipped:
                WriteVerbose($"Kept '{result.LocalPath}': the local file exists.");
                break;
            default:
                WriteVerbose($"Saved {result.StagingPath} as '{result.LocalPath}' ({TransferProgress.Bytes(result.Size)}"
                    + (result.BytesResumed > 0 ? $", resumed after {TransferProgress.Bytes(result.BytesResumed)}" : "") + $", {result.Elapsed.TotalSeconds:0.0} s).");
                break;
        }

        if (PassThru)
        {
            WriteObject(result);
        }
    }

    private void WriteProgressRecords(IEnumerable<ProgressRecord> records)
    {
        foreach (var record in records)
        {
            WriteProgress(record);
        }
    }
}
