namespace VaultStaging.Core.Connection;

/// <summary>
/// Opens TCP connections to the server ahead of the requests that will use them, so those requests find the handshake
/// done (one round trip each over a WAN). Goes with a <see cref="VaultConnectionOptions.HttpHandler"/> that takes the
/// connections it opened; the engine says how many it is about to use.
/// </summary>
public interface IConnectionOpener
{
    /// <summary>Starts opening connections in the background until <paramref name="connections"/> are open or opening; never throws.</summary>
    void OpenAhead(int connections);
}
