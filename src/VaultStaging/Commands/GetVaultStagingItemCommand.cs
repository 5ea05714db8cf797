using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>Get-VaultStagingItem: lists a staging folder (or shows one file), optionally recursively.</summary>
[Cmdlet(VerbsCommon.Get, "VaultStagingItem")]
[OutputType(typeof(StagingItem))]
public sealed class GetVaultStagingItemCommand : VaultServerCmdlet
{
    private ConnectedVault _vault = null!;

    /// <summary>Staging folders or files to list; the user's home when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Lists sub-folders too.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        foreach (var path in Path ?? new[] { _vault.Connection.Identity.HomeFolder })
        {
            if (TryRunEngine(path, token => _vault.Connection.Staging.ListItemsAsync(path, Recurse, token), out var items))
            {
                WriteObject(items, enumerateCollection: true);
            }
        }
    }
}
