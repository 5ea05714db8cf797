using System.Management.Automation;

namespace VaultStaging.Module.Commands;

/// <summary>Disconnect-Vault: ends the login session on the server and forgets the connection.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Vault")]
[OutputType(typeof(void))]
public sealed class DisconnectVaultCommand : VaultCmdlet
{
    protected override void EndProcessing()
    {
        var current = ModuleConnection.Replace(null);
        if (current is null)
        {
            WriteVerbose("Not connected; nothing to do.");
            return;
        }

        try
        {
            TryRunEngine(current.Connection.Server, async token =>
            {
                await current.Connection.DisconnectAsync(token).ConfigureAwait(false);
                return true;
            }, out _);
        }
        finally
        {
            current.Connection.Dispose();
        }
    }
}
