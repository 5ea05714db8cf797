using System.Management.Automation;

namespace VaultStaging.Module.Commands;

/// <summary>Disconnect-Vault: ends a login session on the server (the default connection, or -Connection) and forgets it.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Vault")]
[OutputType(typeof(void))]
public sealed class DisconnectVaultCommand : VaultServerCmdlet
{
    protected override void EndProcessing()
    {
        var vault = Connection?.Vault ?? ModuleConnection.Current;
        if (vault is null || vault.IsClosed)
        {
            WriteVerbose("Not connected; nothing to do.");
            return;
        }

        if (ModuleConnection.ClearIf(vault))
        {
            WriteVerbose($"Ending the default connection {vault.Connection}.");
        }

        try
        {
            TryRunEngine(vault.Connection.Server, async token =>
            {
                await vault.Connection.DisconnectAsync(token).ConfigureAwait(false);
                return true;
            }, out _);
        }
        finally
        {
            vault.Close();
        }
    }
}
