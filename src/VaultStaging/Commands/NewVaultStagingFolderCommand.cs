using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>New-VaultStagingFolder: creates staging folders; -Force also creates missing parents and accepts existing folders.</summary>
[Cmdlet(VerbsCommon.New, "VaultStagingFolder", SupportsShouldProcess = true)]
[OutputType(typeof(StagingItem))]
public sealed class NewVaultStagingFolderCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Absolute staging paths of the folders to create.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Creates missing parent folders and does not fail when the folder exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        var staging = _vault.Connection.Staging;
        foreach (var path in Path)
        {
            if (!ShouldProcess(path, "Create staging folder"))
            {
                continue;
            }

            var created = Force
                ? TryRunEngine(path, async token =>
                {
                    await staging.EnsureFolderAsync(path, token).ConfigureAwait(false);
                    return await staging.GetItemAsync(path, token).ConfigureAwait(false);
                }, out var item)
                : TryRunEngine(path, async token => (StagingItem?)await staging.CreateFolderAsync(path, token).ConfigureAwait(false), out item);
            if (created && item is not null)
            {
                WriteObject(item);
            }
        }
    }
}
