using System;
using VaultStaging.Core.Connection;

namespace VaultStaging.Module;

/// <summary>The module's one connection (Connect-Vault sets it, Disconnect-Vault and Remove-Module clear it).</summary>
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

    /// <summary>Installs a new connection and returns the one it replaces (the caller ends it).</summary>
    public static ConnectedVault? Replace(ConnectedVault? next)
    {
        lock (Gate)
        {
            var previous = s_current;
            s_current = next;
            return previous;
        }
    }

    public static void Clear() => Replace(null)?.Connection.Dispose();
}

/// <summary>A live connection plus the module-level settings chosen at Connect-Vault.</summary>
internal sealed class ConnectedVault
{
    public ConnectedVault(VaultConnection connection, TimeSpan jobPollInterval)
    {
        Connection = connection;
        JobPollInterval = jobPollInterval;
    }

    public VaultConnection Connection { get; }

    public TimeSpan JobPollInterval { get; }
}
