using System.Collections.Generic;
using System.Globalization;
using VaultStaging.Emulator.Api;

namespace VaultStaging.Emulator.Sessions;

/// <summary>
/// The documented part rules: number in 1..MaxParts, strict order, every part but the last the same
/// size and at least MinPartSize, no part above MaxPartSize, and never more bytes than the session declared.
/// </summary>
internal static class PartRules
{
    public static int ParsePartNumber(string? header, int maxParts)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new VaultApiException(ErrorTypes.ParameterRequired, "Missing required header [X-VaultAPI-FilePartNumber].");
        }

        if (!int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1 || number > maxParts)
        {
            // UNCONFIRMED error type.
            throw new VaultApiException(ErrorTypes.InvalidData, $"X-VaultAPI-FilePartNumber must be a number from 1 to {maxParts}.");
        }

        return number;
    }

    /// <summary>Before receiving the body: the parts before <paramref name="number"/> must all exist.</summary>
    public static void CheckOrder(UploadSession session, int number)
    {
        if (number > session.Parts.Count + 1)
        {
            // UNCONFIRMED error type for an out-of-order part.
            throw new VaultApiException(
                ErrorTypes.OperationNotAllowed,
                $"Parts must be uploaded in order: part {number} cannot be accepted before parts 1 to {number - 1} have been uploaded.");
        }

        if (session.InFlight.Contains(number))
        {
            throw new VaultApiException(ErrorTypes.OperationInProgress, $"Part {number} is already being uploaded.");
        }
    }

    /// <summary>After receiving the body: would the session still obey the size rules with this part in place?</summary>
    public static void CheckSize(UploadSession session, int number, long size, long minPartSize, long maxPartSize)
    {
        if (size <= 0)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "A part must contain at least one byte.");
        }

        if (size > maxPartSize)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"Part {number} is {size} bytes; the maximum part size is {maxPartSize} bytes.");
        }

        // The sizes of parts 1..N after this upload (a re-sent part replaces the old one).
        var sizes = new List<long>();
        foreach (var part in session.Parts)
        {
            sizes.Add(part.Size);
        }

        if (number <= sizes.Count)
        {
            sizes[number - 1] = size;
        }
        else
        {
            sizes.Add(size);
        }

        long total = 0;
        foreach (var s in sizes)
        {
            total += s;
        }

        if (total > session.Size)
        {
            throw new VaultApiException(
                ErrorTypes.InvalidData,
                $"Part {number} would bring the uploaded total to {total} bytes, more than the session size of {session.Size} bytes.");
        }

        long first = sizes[0];
        bool lastIsFinal = total == session.Size;
        for (int i = 0; i < sizes.Count; i++)
        {
            bool isFinalPart = lastIsFinal && i == sizes.Count - 1;
            if (isFinalPart)
            {
                if (sizes.Count > 1 && sizes[i] > first)
                {
                    throw new VaultApiException(ErrorTypes.InvalidData, $"The last part ({sizes[i]} bytes) may not be larger than the other parts ({first} bytes).");
                }

                continue;
            }

            if (sizes[i] < minPartSize)
            {
                throw new VaultApiException(
                    ErrorTypes.InvalidData,
                    $"Part {i + 1} is {sizes[i]} bytes; every part except the last must be at least {minPartSize} bytes.");
            }

            if (sizes[i] != first)
            {
                throw new VaultApiException(
                    ErrorTypes.InvalidData,
                    $"Part {i + 1} is {sizes[i]} bytes; every part except the last must have the size of part 1 ({first} bytes).");
            }
        }
    }
}
