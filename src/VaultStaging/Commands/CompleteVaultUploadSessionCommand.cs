using System;
using System.Collections.Generic;
using System.Management.Automation;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module.Commands;

/// <summary>Complete-VaultUploadSession: commits a session whose parts are all uploaded; -Wait follows the commit job.</summary>
[Cmdlet(VerbsLifecycle.Complete, "VaultUploadSession", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(VaultJob))]
public sealed class CompleteVaultUploadSessionCommand : VaultServerCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string IdSet = "Id";

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();
    private ConnectedVault _vault = null!;

    /// <summary>The session from New-VaultUploadSession; its local file is checked unchanged before the commit.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public ResumableUpload? InputObject { get; set; }

    /// <summary>
    /// The id of a session to commit as it is: sessions from Get-VaultUploadSession and parts from Send-VaultFilePart
    /// bind by property. Each session is committed once, after the last input arrived.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("SessionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Waits for the commit job to finish and outputs its final state.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>How long -Wait waits for the job (default one hour).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        if (InputObject is { } upload)
        {
            if (!_ids.Add(upload.Session.Id))
            {
                return;
            }

            if (ShouldProcess($"{upload.StagingPath} (session {upload.Session.Id})", "Commit upload session")
                && TryRunEngineForLocalFile(upload.LocalPath, upload.CommitAsync, out var jobId))
            {
                ReportJob(jobId, upload.StagingPath);
            }

            return;
        }

        foreach (var id in Id)
        {
            if (_ids.Add(id))
            {
                _order.Add(id);
            }
        }
    }

    /// <summary>
    /// Sessions given by id are committed at the end: the parts of `Send-VaultFilePart | Complete-VaultUploadSession`
    /// arrive one by one, and the session is complete only once the last of them has been sent.
    /// </summary>
    protected override void EndProcessing()
    {
        foreach (var id in _order)
        {
            if (ShouldProcess($"session {id}", "Commit upload session")
                && TryRunEngine(id, token => _vault.Connection.Staging.CommitSessionAsync(id, token), out var jobId))
            {
                ReportJob(jobId, id);
            }
        }
    }

    private void ReportJob(long jobId, string target)
    {
        if (!Wait)
        {
            WriteObject(new VaultJob { Id = jobId });
            return;
        }

        if (TryRunEngine(target, token => _vault.Connection.Staging.WaitForJobAsync(jobId, _vault.JobPollInterval, Timeout, token), out var job))
        {
            JobReporting.Write(this, job, target);
        }
    }
}
