using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// A ceiling on the bytes per second a connection moves, shared by every transfer on it (uploads and downloads
/// together), so a daytime job does not fill the office line. Bytes are let through on a schedule: each piece is due
/// when the ones before it have had their time; a late wake-up is made up by the pieces after it, up to
/// <see cref="CatchUp"/> (so a pause saves no burst beyond that).
/// </summary>
internal sealed class BandwidthCap
{
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(50);

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private TimeSpan lineFreeAt;

    public BandwidthCap(long bytesPerSecond, TimeProvider time)
    {
        if (bytesPerSecond < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "The bandwidth cap must be at least one byte per second.");
        }

        BytesPerSecond = bytesPerSecond;
        this.time = time;
        origin = time.GetTimestamp();
    }

    public long BytesPerSecond { get; }

    /// <summary>How long the caller waits before <paramref name="bytes"/> may go; reserves their time on the line.</summary>
    public TimeSpan Reserve(int bytes)
    {
        var at = time.GetElapsedTime(origin);
        var duration = TimeSpan.FromTicks((long)(bytes * (double)TimeSpan.TicksPerSecond / BytesPerSecond));
        lock (gate)
        {
            var from = lineFreeAt > at - CatchUp ? lineFreeAt : at - CatchUp;
            lineFreeAt = from + duration;
            return lineFreeAt > at ? lineFreeAt - at : TimeSpan.Zero;
        }
    }

    public Task WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = Reserve(bytes);
        return wait > TimeSpan.FromMilliseconds(1) ? time.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
