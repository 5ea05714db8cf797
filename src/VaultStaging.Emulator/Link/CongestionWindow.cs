using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// TCP slow start for one direction of one connection, in whole round trips: within a round the connection may send
/// at most <see cref="Window"/> bytes; more waits for the round's end, when the window grows by <see cref="Growth"/>
/// and a new round starts. Once the window reaches the link's bandwidth-delay product the connection is
/// <see cref="IsOpen"/> and only the shared <see cref="LinkPacer"/> limits it. The window is kept for the life of the
/// connection (no restart after idle).
/// </summary>
internal sealed class CongestionWindow
{
    public const int SegmentSize = 1460;

    /// <summary>RFC 6928's initial window of 10 segments.</summary>
    public const long InitialWindow = 10 * SegmentSize;

    /// <summary>
    /// Growth per filled round: slow start doubles the window each round trip. Delayed ACKs (one per two segments) would
    /// make it ~1.5× on a stack that counts ACKs, but Linux counts acknowledged bytes (RFC 3465, L = 2), so it doubles.
    /// </summary>
    public const double Growth = 2;

    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly long start;
    private readonly TimeSpan roundTrip;
    private readonly long openWindow;
    private TimeSpan roundStart;
    private long sentInRound;
    private bool started;

    public CongestionWindow(TimeSpan roundTrip, long bytesPerSecond, TimeProvider? clock = null)
    {
        this.roundTrip = roundTrip;
        openWindow = (long)(bytesPerSecond * roundTrip.TotalSeconds);
        this.clock = clock ?? TimeProvider.System;
        start = this.clock.GetTimestamp();
    }

    /// <summary>The bytes the connection may send in one round trip now.</summary>
    public long Window { get; private set; } = InitialWindow;

    /// <summary>The window has reached the bandwidth-delay product: the link's rate, not the window, is the limit.</summary>
    public bool IsOpen => Window >= openWindow;

    /// <summary>How long the caller must wait before the last of <paramref name="bytes"/> may be sent; counts them against the window.</summary>
    public TimeSpan Reserve(int bytes)
    {
        var now = clock.GetElapsedTime(start);
        lock (gate)
        {
            if (IsOpen)
            {
                return TimeSpan.Zero;
            }

            if (!started || now >= roundStart + roundTrip)
            {
                // The last round ended without filling the window: a new one starts now, the window as it was.
                started = true;
                roundStart = now;
                sentInRound = 0;
            }

            long left = bytes;
            while (!IsOpen && left > Window - sentInRound)
            {
                left -= Window - sentInRound;
                roundStart += roundTrip;
                sentInRound = 0;
                Window = (long)(Window * Growth);
            }

            sentInRound += left;
            return roundStart > now ? roundStart - now : TimeSpan.Zero;
        }
    }

    public Task CrossAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = Reserve(bytes);
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}
