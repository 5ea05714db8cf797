using System.Globalization;

namespace VaultStaging.Core.Http;

/// <summary>Human-readable byte counts for log lines ("16.0 MiB").</summary>
internal static class ByteSize
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
}
