using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;

namespace VaultStaging.Cli;

/// <summary>
/// The command's HTTP handler: .NET's SocketsHttpHandler, whose new connections first take a TCP connection opened
/// ahead (when the engine said how many it is about to use, <see cref="IConnectionOpener"/>) and connect on demand only
/// when none is left. Over a WAN each connection opened ahead saves its first request the handshake's round trip.
/// Through a proxy every connection goes to the proxy, so none is opened ahead.
/// </summary>
internal sealed class ConnectionsAhead : IConnectionOpener, IDisposable
{
    /// <summary>A connection opened ahead and not taken by then is closed: servers drop idle connections after a while.</summary>
    private static readonly TimeSpan SpareLifetime = TimeSpan.FromSeconds(15);

    private readonly DnsEndPoint server;
    private readonly bool direct;
    private readonly ConcurrentQueue<Spare> spares = new();
    private readonly CancellationTokenSource closing = new();
    private int live;

    public ConnectionsAhead(Uri server, int maxConnections)
    {
        this.server = new DnsEndPoint(server.IdnHost, server.Port);
        direct = HttpClient.DefaultProxy.GetProxy(server) is null || HttpClient.DefaultProxy.IsBypassed(server);
        Handler = new SocketsHttpHandler
        {
            // As the engine's own handler: Vault never redirects API calls (following one could carry the session
            // elsewhere), and the session id, not a cookie, authenticates.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            MaxConnectionsPerServer = maxConnections,
            ConnectCallback = ConnectAsync,
        };
    }

    public SocketsHttpHandler Handler { get; }

    /// <summary>Connections in use, idle in the handler's pool, or opened ahead.</summary>
    public int Live => Volatile.Read(ref live);

    public void OpenAhead(int connections)
    {
        if (!direct || closing.IsCancellationRequested)
        {
            return;
        }

        while (true)
        {
            int now = Volatile.Read(ref live);
            if (now >= connections)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref live, now + 1, now) == now)
            {
                spares.Enqueue(new Spare(ConnectSocketAsync(server, closing.Token), Stopwatch.GetTimestamp()));
            }
        }
    }

    public void Dispose()
    {
        closing.Cancel();
        while (spares.TryDequeue(out var spare))
        {
            Discard(spare);
        }

        Handler.Dispose();
    }

    private static async Task<Socket> ConnectSocketAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        // What SocketsHttpHandler does when it connects by itself.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A peer that closed the connection leaves it readable with nothing to read.</summary>
    private static bool IsOpen(Socket socket)
    {
        try
        {
            return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        while (spares.TryDequeue(out var spare))
        {
            if (Stopwatch.GetElapsedTime(spare.OpenedAt) > SpareLifetime || !server.Equals(context.DnsEndPoint))
            {
                Discard(spare);
                continue;
            }

            Socket socket;
            try
            {
                socket = await spare.Socket.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Discard(spare);
                throw;
            }
            catch (Exception)
            {
                // It failed to connect: the next spare, or a connection now, says why if the server is unreachable.
                Interlocked.Decrement(ref live);
                continue;
            }

            if (IsOpen(socket))
            {
                return new CountedStream(socket, this);
            }

            socket.Dispose();
            Interlocked.Decrement(ref live);
        }

        Interlocked.Increment(ref live);
        try
        {
            return new CountedStream(await ConnectSocketAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false), this);
        }
        catch
        {
            Interlocked.Decrement(ref live);
            throw;
        }
    }

    private void Discard(Spare spare)
    {
        spare.Socket.ContinueWith(
            static connected =>
            {
                if (connected.IsCompletedSuccessfully)
                {
                    connected.Result.Dispose();
                }
                else
                {
                    _ = connected.Exception; // observed: a spare that could not connect is no one's error
                }
            },
            TaskScheduler.Default);
        Interlocked.Decrement(ref live);
    }

    private readonly record struct Spare(Task<Socket> Socket, long OpenedAt);

    /// <summary>The handler's connection stream; closing it frees its place in <see cref="Live"/>.</summary>
    private sealed class CountedStream(Socket socket, ConnectionsAhead owner) : NetworkStream(socket, ownsSocket: true)
    {
        private int closed;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref closed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.live);
            }

            base.Dispose(disposing);
        }
    }
}
