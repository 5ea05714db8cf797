using System;
using System.Globalization;

namespace VaultStaging.Cli;

/// <summary>
/// Parses byte counts as users type them: 20000000, 16MB (10^6), 8MiB (2^20), 1.5GiB. Single-letter units
/// (K, M, G, T) are binary, as in rclone and AzCopy. Case and a space before the unit do not matter.
/// </summary>
internal static class SizeParser
{
    private static readonly (string Suffix, long Factor)[] Units =
    {
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("TIB", 1L << 40),
        ("KB", 1_000L), ("MB", 1_000_000L), ("GB", 1_000_000_000L), ("TB", 1_000_000_000_000L),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40),
        ("B", 1L),
    };

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string value = text!.Trim().ToUpperInvariant();
        long factor = 1;
        foreach (var (suffix, unitFactor) in Units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                value = value.Substring(0, value.Length - suffix.Length).TrimEnd();
                factor = unitFactor;
                break;
            }
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }

        decimal result = decimal.Truncate(number * factor);
        if (result <= 0 || result > long.MaxValue)
        {
            return false;
        }

        bytes = (long)result;
        return true;
    }

    /// <summary>Parses or throws <see cref="CliUsageException"/> naming the option.</summary>
    public static long Parse(string text, string optionName)
    {
        if (!TryParse(text, out long bytes))
        {
            throw new CliUsageException(
                $"invalid {optionName} '{text}': not a positive byte count. Use a number of bytes or a size such as 8MiB, 16MB or 20000000.");
        }

        return bytes;
    }
}
