using System;
using System.Threading;
using VaultStaging.Core.Connection;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Counts the files of a batch on their way to the wire and has one connection open or opening for each, so a file's
/// first request finds its handshake done, paid while its folder was listed or created.
/// </summary>
internal sealed class ConnectionDemand
{
    private readonly VaultConnection connection;
    private int sending;

    public ConnectionDemand(VaultConnection connection) => this.connection = connection;

    /// <summary>One more file will send; dispose the result when it has.</summary>
    public IDisposable Begin()
    {
        connection.OpenConnectionsAhead(Interlocked.Increment(ref sending));
        return new Sent(this);
    }

    private sealed class Sent(ConnectionDemand demand) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref demand.sending);
            }
        }
    }
}
