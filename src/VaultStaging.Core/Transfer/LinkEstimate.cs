using System;
using System.Threading;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// What a run has learned of its link, to size each new session's parts: a part waits one idle round trip for its
/// answer before the next may go, so a part that takes 19 round trips to send keeps that idle time under 5 %.
/// The round trip is the connection's fastest (the login gives the first); the rate is the best one part reached.
/// </summary>
internal sealed class LinkEstimate
{
    /// <summary>Part time over round trip for an idle share of 5 %: (1 − 0.05) / 0.05.</summary>
    internal const double RoundTripsPerPart = 19;

    /// <summary>
    /// The rate assumed before a part was measured (1 Gbit/s). Guessing high costs little (a few large parts);
    /// guessing low would leave a fast far link idle for the whole first file.
    /// </summary>
    internal const double AssumedBytesPerSecond = 125_000_000;

    /// <summary>
    /// From this bandwidth-delay product (0.6 MB, about 10 ms at 50 Mbit/s or 5 ms at 1 Gbit/s) on, parts take the API
    /// maximum: besides the round trip each part has fixed costs (the server stores and hashes it before it answers),
    /// and on such a link a larger part costs nothing but re-send granularity.
    /// </summary>
    internal const double FarLinkProduct = 600_000;

    private readonly Func<TimeSpan> roundTrip;
    private long bestBytesPerSecond;

    public LinkEstimate(Func<TimeSpan> roundTrip)
    {
        this.roundTrip = roundTrip;
    }

    public double BytesPerSecond => Interlocked.Read(ref bestBytesPerSecond) is var best and > 0 ? best : AssumedBytesPerSecond;

    /// <summary>Records one part upload: <paramref name="bytes"/> sent and answered in <paramref name="elapsed"/>.</summary>
    public void ObservePart(long bytes, TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero)
        {
            return;
        }

        var rate = (long)(bytes / elapsed.TotalSeconds);
        long seen;
        while (rate > (seen = Interlocked.Read(ref bestBytesPerSecond))
            && Interlocked.CompareExchange(ref bestBytesPerSecond, rate, seen) != seen)
        {
        }
    }

    /// <summary>
    /// The part size for a new session: 19 bandwidth-delay products, rounded up to a MiB and at least the default; the
    /// API maximum from a product of <see cref="FarLinkProduct"/> on; never more than <paramref name="limits"/> allow.
    /// </summary>
    public long PartSizeFor(PartLimits limits)
    {
        var product = BytesPerSecond * roundTrip().TotalSeconds;
        if (product >= FarLinkProduct)
        {
            return limits.MaxPartSize;
        }

        var inMiB = (long)Math.Ceiling(RoundTripsPerPart * product / PartLimits.MiB) * PartLimits.MiB;
        return Math.Min(limits.MaxPartSize, Math.Max(PartPlan.DefaultPartSize, inMiB));
    }
}
