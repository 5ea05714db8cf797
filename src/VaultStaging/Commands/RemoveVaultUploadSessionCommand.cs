using System;
using System.Management.Automation;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module.Commands;

/// <summary>Remove-VaultUploadSession: aborts upload sessions; their parts are discarded.</summary>
[Cmdlet(VerbsCommon.Remove, "VaultUploadSession", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveVaultUploadSessionCommand : VaultServerCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    private ConnectedVault _vault = null!;

    /// <summary>Ids of the sessions to abort; sessions from Get-VaultUploadSession and parts bind by property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("SessionId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>The session New-VaultUploadSession returned.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public ResumableUpload? InputObject { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        if (InputObject is { } upload)
        {
            if (ShouldProcess($"{upload.StagingPath} (session {upload.Session.Id})", "Abort upload session"))
            {
                TryRunEngineForLocalFile(upload.LocalPath, async token =>
                {
                    await upload.AbortAsync(token).ConfigureAwait(false);
                    return true;
                }, out _);
            }

            return;
        }

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
