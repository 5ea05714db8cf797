using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Move-VaultStagingItem: moves staging files or folders into a folder or to a new path (Update Folder or File) and
/// waits for Vault's job. An existing file at the target is replaced only with -Force.
/// </summary>
[Cmdlet(VerbsCommon.Move, "VaultStagingItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StagingItem), typeof(VaultJob))]
public sealed class MoveVaultStagingItemCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Absolute staging paths to move; items from Get-VaultStagingItem bind by their Path.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>An existing staging folder to move into (or a path ending in '/'), or the new full path of a single item.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>Replaces a file already at the target (deleted first: Vault's move never replaces).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Does not wait for the move job; with -PassThru outputs the job instead of the moved item.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Outputs the moved item (or the job with -NoWait).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How long to wait for each job (default one hour).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            if (TryRunEngine(path, token => StagingItemMover.PlanAsync(_vault.Connection.Staging, path, Destination, Force, token), out var plan))
            {
                MoveCommandSupport.Run(this, _vault, plan, NoWait, PassThru, Timeout);
            }
        }
    }
}

/// <summary>What Move- and Rename-VaultStagingItem share once the move is planned: ShouldProcess, the move, the output.</summary>
internal static class MoveCommandSupport
{
    public static void Run(VaultCmdlet cmdlet, ConnectedVault vault, StagingMovePlan plan, bool noWait, bool passThru, TimeSpan timeout)
    {
        var action = plan.Replaced is null ? "Move staging item" : "Move staging item, replacing the file there";
        if (!cmdlet.ShouldProcess($"{plan.Source.Path} -> {plan.TargetPath}", action))
        {
            return;
        }

        var staging = vault.Connection.Staging;
        if (!cmdlet.TryRunEngine(plan.Source.Path, token => StagingItemMover.MoveAsync(staging, plan, vault.JobPollInterval, timeout, !noWait, token), out var moved))
        {
            return;
        }

        cmdlet.WriteVerbose($"Vault job {moved.JobId}: move {plan.Source.Path} -> {plan.TargetPath}" + (noWait ? " started." : " done."));
        if (!passThru)
        {
            return;
        }

        if (noWait)
        {
            cmdlet.WriteObject(new VaultJob { Id = moved.JobId });
        }
        else if (cmdlet.TryRunEngine(plan.TargetPath, token => staging.GetItemAsync(plan.TargetPath, token), out var item) && item is not null)
        {
            cmdlet.WriteObject(item);
        }
    }
}
