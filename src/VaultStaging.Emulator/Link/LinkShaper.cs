using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// Puts every API exchange behind a <see cref="LinkProfile"/>: half the round trip before the request is handled
/// (the request crossing), half before the response starts (the answer crossing), and both bodies paced to the
/// link's rate, uplink and downlink each shared by all connections. With a round trip set, each client connection
/// also pays TCP's costs: its handshake (its first request waits until one round trip after the connection was
/// opened, so a client that connects ahead of its requests has paid it already) and slow start on its bodies
/// (<see cref="CongestionWindow"/>, one each way, kept across the connection's requests). The control endpoints
/// (<c>/_emulator/…</c>) stay unshaped.
/// </summary>
internal sealed class LinkShaper
{
    private static readonly object ConnectionKey = typeof(TcpConnection);

    private readonly LinkProfile link;
    private readonly TimeSpan halfTrip;
    private readonly LinkPacer? uplink;
    private readonly LinkPacer? downlink;
    private int connectionsOpened;

    public LinkShaper(LinkProfile link)
    {
        this.link = link;
        halfTrip = link.RoundTrip / 2;
        if (link.BytesPerSecond is { } rate)
        {
            uplink = new LinkPacer(rate);
            downlink = new LinkPacer(rate);
        }
    }

    /// <summary>Client connections that have carried a request so far.</summary>
    public int ConnectionsOpened => Volatile.Read(ref connectionsOpened);

    /// <summary>Kestrel connection middleware: notes when each connection was opened, where the handshake starts.</summary>
    public ConnectionDelegate OnConnectionOpened(ConnectionDelegate next) => connection =>
    {
        if (link.RoundTrip > TimeSpan.Zero)
        {
            connection.Items[ConnectionKey] = new TcpConnection(link);
        }

        return next(connection);
    };

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var connection = link.RoundTrip > TimeSpan.Zero ? await ConnectAsync(http).ConfigureAwait(false) : null;

        if (uplink is not null)
        {
            http.Request.Body = new PacedStream(http.Request.Body, uplink, connection?.Uplink);
        }

        if (downlink is not null)
        {
            http.Response.Body = new PacedStream(http.Response.Body, downlink, connection?.Downlink);
        }

        if (halfTrip > TimeSpan.Zero)
        {
            http.Response.OnStarting(() => Task.Delay(halfTrip));
            await Task.Delay(halfTrip, http.RequestAborted).ConfigureAwait(false);
        }

        await next(http).ConfigureAwait(false);
    }

    /// <summary>
    /// The connection this request came on. Its first request waits until one round trip (SYN, SYN-ACK) after the
    /// connection was opened: at once when the client connected ahead, a whole round trip when it connected to send it.
    /// </summary>
    private async Task<TcpConnection> ConnectAsync(HttpContext http)
    {
        // Kestrel keeps these items for the life of the connection (OnConnectionOpened fills them); a server without
        // them makes every request a new connection.
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        TcpConnection connection;
        if (items is null)
        {
            connection = new TcpConnection(link);
        }
        else
        {
            lock (items)
            {
                if (!(items.TryGetValue(ConnectionKey, out var known) && known is TcpConnection existing))
                {
                    items[ConnectionKey] = existing = new TcpConnection(link);
                }

                connection = existing;
            }
        }

        if (connection.TakeHandshakeWait() is { } handshakeLeft)
        {
            Interlocked.Increment(ref connectionsOpened);
            if (handshakeLeft > TimeSpan.Zero)
            {
                await Task.Delay(handshakeLeft, http.RequestAborted).ConfigureAwait(false);
            }
        }

        return connection;
    }
}
