using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>Get-VaultUploadSession: lists the active upload sessions, or the given ones; -Parts lists their uploaded parts.</summary>
[Cmdlet(VerbsCommon.Get, "VaultUploadSession")]
[OutputType(typeof(UploadSessionInfo), typeof(UploadedPart))]
public sealed class GetVaultUploadSessionCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Session ids; without it every active session of the user is listed.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SessionId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Outputs the parts each session holds instead of the session.</summary>
    [Parameter]
    public SwitchParameter Parts { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        var staging = _vault.Connection.Staging;
        if (Id is null)
        {
            if (TryRunEngine(null, staging.ListSessionsAsync, out var sessions))
            {
                foreach (var session in sessions)
                {
                    Write(session);
                }
            }

            return;
        }

        foreach (var id in Id)
        {
            if (TryRunEngine(id, token => staging.GetSessionAsync(id, token), out var session))
            {
                Write(session);
            }
        }
    }

    private void Write(UploadSessionInfo session)
    {
        if (!Parts)
        {
            WriteObject(session);
        }
        else if (TryRunEngine(session.Id, token => _vault.Connection.Staging.ListPartsAsync(session.Id, token), out var parts))
        {
            WriteObject(PartOutput.WithSession(parts, session.Id), enumerateCollection: true);
        }
    }
}
