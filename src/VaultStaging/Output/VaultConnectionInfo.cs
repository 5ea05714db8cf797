using System;
using VaultStaging.Core.Connection;

namespace VaultStaging.Module;

/// <summary>
/// A connection as Connect-Vault -PassThru and Get-VaultConnection output it: what it shows, plus the live connection
/// that -Connection uses. Never shows the session id.
/// </summary>
public sealed class VaultConnectionInfo
{
    internal VaultConnectionInfo(ConnectedVault vault)
    {
        Vault = vault;
        var connection = vault.Connection;
        Server = connection.Server;
        UserName = connection.Identity.UserName;
        UserId = connection.Identity.UserId;
        VaultId = connection.Identity.VaultId;
        HomeFolder = connection.Identity.HomeFolder;
        IsAdmin = connection.Identity.IsAdmin;
        ApiVersion = connection.ApiVersion;
        ClientId = connection.ClientId;
        CanRenewSession = connection.CanRenewSession;
    }

    public Uri Server { get; }

    public string UserName { get; }

    public long UserId { get; }

    public long VaultId { get; }

    public string HomeFolder { get; }

    public bool IsAdmin { get; }

    public string ApiVersion { get; }

    public string ClientId { get; }

    /// <summary>True when connected with a credential: the session is renewed automatically when it expires.</summary>
    public bool CanRenewSession { get; }

    internal ConnectedVault Vault { get; }

    public override string ToString() => $"{UserName}@{Server.Host}";
}
