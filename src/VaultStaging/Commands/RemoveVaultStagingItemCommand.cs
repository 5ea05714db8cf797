using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>Remove-VaultStagingItem: deletes staging files or folders (folders with content need -Recurse).</summary>
[Cmdlet(VerbsCommon.Remove, "VaultStagingItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VaultJob))]
public sealed class RemoveVaultStagingItemCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Absolute staging paths to delete; items from Get-VaultStagingItem bind by their Path.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Deletes folders with everything in them.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Outputs the delete job (pipe it to Wait-VaultJob).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            if (ShouldProcess(path, Recurse ? "Delete staging item and its contents" : "Delete staging item")
                && TryRunEngine(path, token => _vault.Connection.Staging.DeleteItemAsync(path, Recurse, token), out var jobId)
                && PassThru)
            {
                WriteObject(new VaultJob { Id = jobId });
            }
        }
    }
}
