using System;
using System.Threading;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// What one client connection carries across its requests: when it was opened (its handshake ends one round trip
/// later), whether a request has come on it yet, and a congestion window each way (none when the link has no rate).
/// </summary>
internal sealed class TcpConnection
{
    private readonly TimeProvider clock;
    private readonly long openedAt;
    private readonly TimeSpan roundTrip;
    private int used;

    public TcpConnection(LinkProfile link, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        openedAt = this.clock.GetTimestamp();
        roundTrip = link.RoundTrip;
        if (link.BytesPerSecond is { } rate)
        {
            Uplink = new CongestionWindow(link.RoundTrip, rate, this.clock);
            Downlink = new CongestionWindow(link.RoundTrip, rate, this.clock);
        }
    }

    /// <summary>Request bodies, client to emulator.</summary>
    public CongestionWindow? Uplink { get; }

    /// <summary>Response bodies, emulator to client.</summary>
    public CongestionWindow? Downlink { get; }

    /// <summary>
    /// For the connection's first request, what is left of the handshake (one round trip from the opening); zero for
    /// every later request, and null when this is not the first.
    /// </summary>
    public TimeSpan? TakeHandshakeWait()
    {
        if (Interlocked.Exchange(ref used, 1) != 0)
        {
            return null;
        }

        var left = roundTrip - clock.GetElapsedTime(openedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
