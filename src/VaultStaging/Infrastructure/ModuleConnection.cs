using System;
using VaultStaging.Core.Connection;

namespace VaultStaging.Module;

/// <summary>
/// The module's default connection: one per process, shared by every runspace, replaced by the last Connect-Vault and
/// cleared by Disconnect-Vault. Remove-Module leaves it alone (another runspace may still use it). Callers who need
/// their own connection keep the object Connect-Vault -PassThru returns and give it to -Connection.
/// </summary>
internal static class ModuleConnection
{
    private static readonly object Gate = new();
    private static ConnectedVault? s_current;

    public static ConnectedVault? Current
    {
        get
        {
            lock (Gate)
            {
                return s_current;
            }
        }
    }

    /// <summary>
    /// Installs a new default and returns the one it replaces. The replaced connection is not ended: a pipeline in
    /// another runspace, or a caller holding it from -PassThru, may still be using it.
    /// </summary>
    public static ConnectedVault? Replace(ConnectedVault? next)
    {
        lock (Gate)
        {
            var previous = s_current;
            s_current = next;
            return previous;
        }
    }

    /// <summary>Clears the default when it is <paramref name="vault"/>; true when it was.</summary>
    public static bool ClearIf(ConnectedVault vault)
    {
        lock (Gate)
        {
            if (!ReferenceEquals(s_current, vault))
            {
                return false;
            }

            s_current = null;
            return true;
        }
    }
}

/// <summary>A live connection plus the module-level settings chosen at Connect-Vault.</summary>
internal sealed class ConnectedVault
{
    private volatile bool _closed;

    public ConnectedVault(VaultConnection connection, TimeSpan jobPollInterval)
    {
        Connection = connection;
        JobPollInterval = jobPollInterval;
    }

    public VaultConnection Connection { get; }

    public TimeSpan JobPollInterval { get; }

    /// <summary>Set by Disconnect-Vault: the login session has ended and the object can no longer be used.</summary>
    public bool IsClosed => _closed;

    public void Close()
    {
        _closed = true;
        Connection.Dispose();
    }
}
