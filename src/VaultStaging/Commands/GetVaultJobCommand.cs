using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Get-VaultJob: reads the status of Vault jobs (commit, delete, move) once. Results of Send-VaultFile -NoWait -PassThru
/// are read when they have a job and passed over when they have none.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VaultJob", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(VaultJob))]
public sealed class GetVaultJobCommand : VaultServerCmdlet
{
    private const string IdSet = "Id";
    private const string ResultSet = "Result";

    private ConnectedVault _vault = null!;

    /// <summary>Job ids; job objects bind by property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("JobId")]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>Results of Send-VaultFile -NoWait -PassThru: the ones with a commit job are read, the others passed over.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ResultSet)]
    public VaultUploadResult? InputObject { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        if (InputObject is { } result)
        {
            if (result.JobId is { } jobId)
            {
                Read(jobId, result.LocalPath);
            }
            else
            {
                WriteVerbose($"'{result.LocalPath}' has no commit job (status {result.Status}).");
            }

            return;
        }

        foreach (var id in Id)
        {
            Read(id, id);
        }
    }

    private void Read(long id, object target)
    {
        if (TryRunEngine(target, token => _vault.Connection.Staging.GetJobAsync(id, token), out var job))
        {
            WriteObject(job);
        }
    }
}
