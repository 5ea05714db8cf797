using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>Rename-VaultStagingItem: renames a staging file or folder in its folder and waits for Vault's job.</summary>
[Cmdlet(VerbsCommon.Rename, "VaultStagingItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StagingItem), typeof(VaultJob))]
public sealed class RenameVaultStagingItemCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>The absolute staging path of the item to rename; an item from Get-VaultStagingItem binds by its Path.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The new name (not a path: use Move-VaultStagingItem to change folders).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = "";

    /// <summary>Replaces a file that already has the new name (deleted first: Vault's rename never replaces).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Does not wait for the rename job; with -PassThru outputs the job instead of the renamed item.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Outputs the renamed item (or the job with -NoWait).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How long to wait for the job (default one hour).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        if (TryRunEngine(Path, token => StagingItemMover.PlanRenameAsync(_vault.Connection.Staging, Path, NewName, Force, token), out var plan))
        {
            MoveCommandSupport.Run(this, _vault, plan, NoWait, PassThru, Timeout);
        }
    }
}
