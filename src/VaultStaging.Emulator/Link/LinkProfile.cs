using System;
using System.Globalization;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// The network link the emulator pretends to sit behind: a round-trip time added to every API exchange and a rate
/// that request and response bodies are paced to (each direction on its own, shared by every connection, like one
/// office uplink). With a round trip set, each connection also pays TCP's handshake (its first request waits until one
/// round trip after the connection opened) and slow start (IW10, doubling per filled round trip, up to the bandwidth-delay product). Loss,
/// retransmission, queueing, restart after idle and TLS are not modelled.
/// </summary>
public sealed record LinkProfile(TimeSpan RoundTrip, long? BytesPerSecond)
{
    public bool IsShaped => RoundTrip > TimeSpan.Zero || BytesPerSecond is not null;

    /// <summary>Parses a rate such as <c>200Mbit</c>, <c>1Gbit</c>, <c>50mbit</c>, <c>25MB</c> (bytes, powers of 1000) or <c>10MiB</c> (powers of 1024), per second.</summary>
    public static long ParseRate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.EndsWith("/s", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^2];
        }

        var split = 0;
        while (split < trimmed.Length && (char.IsDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !double.TryParse(trimmed[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new FormatException($"'{text}' is not a rate; write e.g. 200Mbit, 1Gbit or 25MB.");
        }

        double bytes = trimmed[split..] switch
        {
            "bit" => number / 8,
            "kbit" or "Kbit" => number * 1e3 / 8,
            "Mbit" or "mbit" => number * 1e6 / 8,
            "Gbit" or "gbit" => number * 1e9 / 8,
            "B" or "" => number,
            "kB" or "KB" => number * 1e3,
            "MB" => number * 1e6,
            "GB" => number * 1e9,
            "KiB" => number * 1024,
            "MiB" => number * 1024 * 1024,
            "GiB" => number * 1024 * 1024 * 1024,
            var unit => throw new FormatException($"'{text}': unknown unit '{unit}'; use bit, kbit, Mbit, Gbit, B, kB, MB, GB, KiB, MiB or GiB."),
        };
        return Math.Max(1, (long)bytes);
    }
}
