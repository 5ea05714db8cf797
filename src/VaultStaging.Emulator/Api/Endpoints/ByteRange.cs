using System;
using System.Globalization;

namespace VaultStaging.Emulator.Api.Endpoints;

/// <summary>
/// The download <c>Range</c> header: one range, <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>.
/// Anything else, or a range longer than the per-request maximum, fails with the JSON envelope.
/// </summary>
internal static class ByteRange
{
    public static (long First, long Last)? Parse(string? header, long total, long maxLength)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        long first;
        long last;
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || text.Contains(',', StringComparison.Ordinal))
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "Range must have the form bytes={first}-{last}.");
        }

        var spec = text["bytes=".Length..];
        int dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "Range must have the form bytes={first}-{last}.");
        }

        string firstText = spec[..dash].Trim();
        string lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out long suffix) || suffix == 0)
            {
                throw new VaultApiException(ErrorTypes.InvalidData, "Invalid Range header.");
            }

            first = Math.Max(0, total - suffix);
            last = total - 1;
        }
        else
        {
            if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out first))
            {
                throw new VaultApiException(ErrorTypes.InvalidData, "Invalid Range header.");
            }

            if (lastText.Length == 0)
            {
                last = total - 1;
            }
            else if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first)
            {
                throw new VaultApiException(ErrorTypes.InvalidData, "Invalid Range header.");
            }

            last = Math.Min(last, total - 1);
        }

        if (first >= total)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"Range starts beyond the end of the file ({total} bytes).");
        }

        if (last - first + 1 > maxLength)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"A range may cover at most {maxLength} bytes.");
        }

        return (first, last);
    }
}
