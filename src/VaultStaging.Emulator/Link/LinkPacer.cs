using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// One direction of a shaped link: bytes are let through at <see cref="BytesPerSecond"/>, shared by every stream
/// that uses it, on a schedule (each chunk is due when the ones before it have crossed). A sleep that overshoots
/// (timers are coarse, more so on a loaded machine) is made up by the chunks after it, up to <see cref="CatchUp"/>.
/// </summary>
internal sealed class LinkPacer
{
    /// <summary>How far behind schedule the line may fall and still catch up at once (the depth of the bucket).</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(50);

    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly long start;
    private TimeSpan lineFreeAt;

    public LinkPacer(long bytesPerSecond, TimeProvider? clock = null)
    {
        BytesPerSecond = bytesPerSecond;
        this.clock = clock ?? TimeProvider.System;
        start = this.clock.GetTimestamp();
    }

    public long BytesPerSecond { get; }

    /// <summary>How long the caller must wait before <paramref name="bytes"/> have crossed the link; reserves that time.</summary>
    public TimeSpan Reserve(int bytes)
    {
        var now = clock.GetElapsedTime(start);
        var duration = TimeSpan.FromSeconds((double)bytes / BytesPerSecond);
        lock (gate)
        {
            var from = lineFreeAt > now - CatchUp ? lineFreeAt : now - CatchUp;
            lineFreeAt = from + duration;
            return lineFreeAt > now ? lineFreeAt - now : TimeSpan.Zero;
        }
    }

    public Task CrossAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = Reserve(bytes);
        return wait > TimeSpan.FromMilliseconds(1) ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}
