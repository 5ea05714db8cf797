using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>Wait-VaultJob: waits until Vault jobs finish (polling no faster than Vault allows); failed jobs are errors.</summary>
[Cmdlet(VerbsLifecycle.Wait, "VaultJob")]
[OutputType(typeof(VaultJob))]
public sealed class WaitVaultJobCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Job ids; job objects and Send-VaultFile -PassThru results bind by property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>How long to wait for each job (default one hour).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (TryRunEngine(id, token => _vault.Connection.Staging.WaitForJobAsync(id, _vault.JobPollInterval, Timeout, token), out var job))
            {
                JobReporting.Write(this, job, id);
            }
        }
    }
}
