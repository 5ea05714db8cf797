using System;
using System.Globalization;
using VaultStaging.Core.Http;

namespace VaultStaging.Cli;

/// <summary>Human-readable binary sizes, durations and rates for the plain-text output.</summary>
internal static class SizeFormat
{
    public static string Bytes(long bytes) => ByteSize.Format(bytes);

    public static string Rate(double bytesPerSecond) => ByteSize.FormatRate(bytesPerSecond);

    public static string Seconds(TimeSpan duration)
        => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>h:mm:ss or m:ss, for an ETA.</summary>
    public static string Clock(TimeSpan duration)
    {
        if (duration.TotalHours >= 1)
        {
            return ((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + duration.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture);
        }

        return ((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + duration.ToString(@"\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>UTC, second precision, ISO-8601: unambiguous in logs.</summary>
    public static string Timestamp(DateTimeOffset? value)
        => value is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
