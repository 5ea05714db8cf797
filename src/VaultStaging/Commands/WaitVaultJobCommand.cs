using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Wait-VaultJob: waits until Vault jobs finish (polling no faster than Vault allows); failed jobs are errors.
/// Results of Send-VaultFile -NoWait -PassThru are waited for when they have a job and passed over when they have none.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "VaultJob", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(VaultJob))]
public sealed class WaitVaultJobCommand : VaultServerCmdlet
{
    private const string IdSet = "Id";
    private const string ResultSet = "Result";

    private ConnectedVault _vault = null!;

    /// <summary>Job ids; job objects bind by property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("JobId")]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>Results of Send-VaultFile -NoWait -PassThru: the ones with a commit job are waited for, the others passed over.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ResultSet)]
    public VaultUploadResult? InputObject { get; set; }

    /// <summary>How long to wait for each job (default one hour).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        if (InputObject is { } result)
        {
            if (result.JobId is { } jobId)
            {
                Wait(jobId, result.LocalPath);
            }
            else
            {
                WriteVerbose($"'{result.LocalPath}' has no commit job to wait for (status {result.Status}).");
            }

            return;
        }

        foreach (var id in Id)
        {
            Wait(id, id);
        }
    }

    private void Wait(long id, object target)
    {
        if (TryRunEngine(target, token => _vault.Connection.Staging.WaitForJobAsync(id, _vault.JobPollInterval, Timeout, token), out var job))
        {
            JobReporting.Write(this, job, target);
        }
    }
}
