using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Connection;

/// <summary>
/// One authenticated Vault session: sends requests with the session header and client id,
/// renews the login session (once per failing call) when it holds credentials, reads the rate-limit
/// headers into a process-wide governor, and unwraps the response envelope into typed errors.
/// Thread-safe: parallel uploads share one connection.
/// </summary>
public sealed class VaultConnection : IDisposable
{
    private VaultConnection()
    {
    }

    public Uri Server { get; private set; } = null!;

    public string ApiVersion { get; private set; } = VaultConnectionOptions.DefaultApiVersion;

    public string ClientId { get; private set; } = VaultConnectionOptions.DefaultClientId;

    public VaultIdentity Identity { get; private set; } = null!;

    /// <summary>True when the connection can log in again by itself.</summary>
    public bool CanRenewSession { get; private set; }

    /// <summary>The file staging API over this connection.</summary>
    public FileStagingClient Staging { get; private set; } = null!;

    /// <summary>
    /// Authenticates (or adopts the given session id), checks the session belongs to the vault asked for,
    /// and learns the user's id and admin-ness.
    /// </summary>
    public static Task<VaultConnection> ConnectAsync(VaultConnectionOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Ends the login session on the server (DELETE /session). Safe to call twice.</summary>
    public Task DisconnectAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
