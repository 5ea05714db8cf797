using System;
using System.Management.Automation;

namespace VaultStaging.Module;

/// <summary>
/// Cmdlets that talk to the server: each takes -Connection (from Connect-Vault -PassThru or Get-VaultConnection) and
/// falls back to the module's default connection, the one the last Connect-Vault in this process made.
/// </summary>
public abstract class VaultServerCmdlet : VaultCmdlet
{
    /// <summary>The connection to use, from Connect-Vault -PassThru or Get-VaultConnection; by default the process's last Connect-Vault.</summary>
    [Parameter]
    [ValidateNotNull]
    public VaultConnectionInfo? Connection { get; set; }

    /// <summary>-Connection when given, else the default connection; a terminating error when there is none or it was ended.</summary>
    internal ConnectedVault RequireConnection()
    {
        var vault = Connection?.Vault ?? ModuleConnection.Current;
        if (vault is null)
        {
            var error = ErrorMapping.NotConnected();
            ThrowTerminatingError(error.ToErrorRecord(new InvalidOperationException(error.Message)));
        }

        if (vault!.IsClosed)
        {
            var error = ErrorMapping.ConnectionClosed(vault.Connection.ToString());
            ThrowTerminatingError(error.ToErrorRecord(new InvalidOperationException(error.Message)));
        }

        return vault;
    }
}
