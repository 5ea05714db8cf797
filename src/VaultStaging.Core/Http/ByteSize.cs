using System.Globalization;

namespace VaultStaging.Core.Http;

/// <summary>
/// Human-readable byte counts ("16.0 MiB"), in binary units that say so: the one formatter of the engine, the CLI and
/// the module (the CLI's documentation keeps KB/MB/GB for powers of 1000).
/// </summary>
public static class ByteSize
{
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        string[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>A rate in the same units, e.g. "38.1 MiB/s".</summary>
    public static string FormatRate(double bytesPerSecond) => Format((long)bytesPerSecond) + "/s";
}
