using System;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Remove-VaultStagingItem: deletes staging files or folders (folders with content need -Recurse). Deleting cannot be
/// undone, so it asks first (ConfirmImpact High); -Force or -Confirm:$false skips the question.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "VaultStagingItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
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

    /// <summary>Deletes without asking for confirmation (unless -Confirm is given too); -WhatIf still only tells.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Outputs the delete job (pipe it to Wait-VaultJob).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing() => _vault = RequireConnection();

    protected override void ProcessRecord()
    {
        // The root and user homes are never deleted (the rule lives in Core, shared with 'vaultstaging rm').
        Path = Array.FindAll(Path, path =>
        {
            try
            {
                StagingItemRules.RefuseRootOrUserHome(path, "deleted");
                return true;
            }
            catch (Core.VaultStagingException refused)
            {
                WriteMappedError(refused, path);
                return false;
            }
        });
        foreach (var path in Path)
        {
            if (Approve(path, Recurse ? "Delete staging item and its contents" : "Delete staging item")
                && TryRunEngine(path, token => _vault.Connection.Staging.DeleteItemAsync(path, Recurse, token), out var jobId)
                && PassThru)
            {
                WriteObject(new VaultJob { Id = jobId });
            }
        }
    }

    private bool Approve(string target, string action)
    {
        var bound = MyInvocation.BoundParameters;
        var whatIf = bound.TryGetValue("WhatIf", out var value) ? LanguagePrimitives.IsTrue(value) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        if (ConfirmRules.SkipsPrompt(Force, bound.ContainsKey("Confirm"), whatIf))
        {
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force).");
            return true;
        }

        return ShouldProcess(target, action);
    }
}
