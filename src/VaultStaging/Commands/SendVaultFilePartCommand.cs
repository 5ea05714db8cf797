using System;
using System.Linq;
using System.Management.Automation;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Send-VaultFilePart: uploads chosen parts (or all remaining parts) of a session from New-VaultUploadSession and outputs
/// them with their SessionId, so they pipe on to Complete-VaultUploadSession.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "VaultFilePart", DefaultParameterSetName = PartSet, SupportsShouldProcess = true)]
[OutputType(typeof(UploadedPart))]
public sealed class SendVaultFilePartCommand : VaultServerCmdlet
{
    private const string PartSet = "Part";
    private const string AllSet = "All";
    private const string AttachSet = "Attach";

    private ConnectedVault _vault = null!;

    /// <summary>The session from New-VaultUploadSession.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PartSet)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = AllSet)]
    public ResumableUpload? InputObject { get; set; }

    /// <summary>An existing session's id (from Get-VaultUploadSession), to continue it from another PowerShell session.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AttachSet)]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    /// <summary>The local file of the session given by -SessionId.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AttachSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? LiteralPath { get; set; }

    /// <summary>The parts to send, numbered from 1.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PartSet)]
    [ValidateRange(1, int.MaxValue)]
    public int[] PartNumber { get; set; } = Array.Empty<int>();

    /// <summary>Sends every part the server does not hold yet (verifying the ones it does).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    [Parameter(ParameterSetName = AttachSet)]
    public SwitchParameter All { get; set; }

    /// <summary>The id of the caller's own Write-Progress activity that -All's progress bar nests under.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int ProgressParentId { get; set; } = -1;

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        var upload = InputObject;
        if (ParameterSetName == AttachSet)
        {
            var localPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(LiteralPath);
            if (!TryRunEngineForLocalFile(localPath, token => ResumableUpload.AttachAsync(_vault.Connection, SessionId!, localPath, new UploadOptions(), token), out upload))
            {
                return;
            }
        }

        if (upload is null)
        {
            return;
        }

        if (ParameterSetName == PartSet)
        {
            SendParts(upload);
        }
        else
        {
            SendRemaining(upload);
        }
    }

    private void SendParts(ResumableUpload upload)
    {
        foreach (var number in PartNumber)
        {
            if (ShouldProcess($"{upload.StagingPath} (session {upload.Session.Id})", $"Send part {number} of {upload.Plan.PartCount}")
                && TryRunEngineForLocalFile(upload.LocalPath, token => upload.SendPartAsync(number, token), out var part))
            {
                WriteObject(PartOutput.WithSession(part, upload.Session.Id));
            }
        }
    }

    private void SendRemaining(ResumableUpload upload)
    {
        if (!ShouldProcess($"{upload.StagingPath} (session {upload.Session.Id})", $"Send the remaining parts of {upload.Plan.PartCount}"))
        {
            return;
        }

        var activity = $"Sending {upload.LocalPath}";
        var progress = new QueuedProgress(Queue, update =>
            WriteProgress(new ProgressRecord(TransferProgress.ParentId, activity, $"Part {update.PartsDone} of {update.PartsTotal}")
            {
                ParentActivityId = ProgressParentId,
                PercentComplete = update.BytesTotal > 0 ? (int)(update.BytesDone * 100 / update.BytesTotal) : 100,
                CurrentOperation = upload.StagingPath,
            }));

        try
        {
            if (TryRunEngineForLocalFile(upload.LocalPath, token => upload.SendRemainingPartsAsync(progress, token), out var sent)
                && TryRunEngineForLocalFile(upload.LocalPath, token => _vault.Connection.Staging.ListPartsAsync(upload.Session.Id, token), out var parts))
            {
                WriteVerbose($"Sent {sent} part(s); the session holds {parts.Count} of {upload.Plan.PartCount}.");
                WriteObject(PartOutput.WithSession(parts.OrderBy(part => part.PartNumber), upload.Session.Id), enumerateCollection: true);
            }
        }
        finally
        {
            WriteProgress(new ProgressRecord(TransferProgress.ParentId, activity, "Done") { ParentActivityId = ProgressParentId, RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>Hands engine progress (worker threads) to the pipeline thread.</summary>
    private sealed class QueuedProgress : IProgress<UploadProgress>
    {
        private readonly PipelineQueue _queue;
        private readonly Action<UploadProgress> _write;

        public QueuedProgress(PipelineQueue queue, Action<UploadProgress> write)
        {
            _queue = queue;
            _write = write;
        }

        public void Report(UploadProgress value) => _queue.Post(() => _write(value));
    }
}
