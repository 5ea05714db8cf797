using System.Management.Automation;

namespace VaultStaging.Module.Commands;

/// <summary>Get-VaultConnection: the default connection (who and where, never the session id), usable with -Connection.</summary>
[Cmdlet(VerbsCommon.Get, "VaultConnection")]
[OutputType(typeof(VaultConnectionInfo))]
public sealed class GetVaultConnectionCommand : VaultCmdlet
{
    protected override void EndProcessing()
    {
        var current = ModuleConnection.Current;
        if (current is null)
        {
            WriteVerbose("Not connected. Run Connect-Vault.");
            return;
        }

        WriteObject(new VaultConnectionInfo(current));
    }
}
