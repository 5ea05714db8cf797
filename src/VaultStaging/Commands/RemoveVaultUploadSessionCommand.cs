using System;
using System.Management.Automation;

namespace VaultStaging.Module.Commands;

/// <summary>Remove-VaultUploadSession: aborts upload sessions; their parts are discarded.</summary>
[Cmdlet(VerbsCommon.Remove, "VaultUploadSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveVaultUploadSessionCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Ids of the sessions to abort; sessions from Get-VaultUploadSession or New-VaultUploadSession bind by property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SessionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (ShouldProcess($"session {id}", "Abort upload session"))
            {
                TryRunEngine(id, async token =>
                {
                    await _vault.Connection.Staging.AbortSessionAsync(id, token).ConfigureAwait(false);
                    return true;
                }, out _);
            }
        }
    }
}
