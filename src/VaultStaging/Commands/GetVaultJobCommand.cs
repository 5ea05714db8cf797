using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>Get-VaultJob: reads the status of Vault jobs (commit, delete, move) once.</summary>
[Cmdlet(VerbsCommon.Get, "VaultJob")]
[OutputType(typeof(VaultJob))]
public sealed class GetVaultJobCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Job ids; results of Send-VaultFile -PassThru and job objects bind by property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("JobId")]
    public long[] Id { get; set; } = Array.Empty<long>();

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (TryRunEngine(id, token => _vault.Connection.Staging.GetJobAsync(id, token), out var job))
            {
                WriteObject(job);
            }
        }
    }
}
