using System;
using System.Globalization;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Whether a staged file is the local file's copy, decided from what List Items gives: the same size, and the local
/// last-write time not later than the staged item's modified date. Both times are compared to the whole second
/// (Vault's dates may carry no fraction), so a file staged in the second it was written still counts as identical.
/// </summary>
public static class StagedCopy
{
    public static bool IsIdentical(long localSize, DateTime localWriteUtc, StagingItem staged)
    {
        if (staged is null)
        {
            throw new ArgumentNullException(nameof(staged));
        }

        return staged.Kind == StagingItemKind.File
            && staged.Size == localSize
            && staged.ModifiedDate is { } modified
            && WholeSeconds(localWriteUtc) <= WholeSeconds(modified.UtcDateTime);
    }

    /// <summary>Why they differ, for a message: "12 bytes here, 10 staged" or "written here at … after it was staged at …".</summary>
    internal static string Difference(long localSize, DateTime localWriteUtc, StagingItem staged)
    {
        if (staged.Size != localSize)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes here, {1:N0} staged", localSize, staged.Size);
        }

        return staged.ModifiedDate is { } modified
            ? string.Format(CultureInfo.InvariantCulture, "written here at {0:u} after it was staged at {1:u}", localWriteUtc, modified.UtcDateTime)
            : "the staged copy has no modified date";
    }

    private static long WholeSeconds(DateTime utc) => utc.Ticks / TimeSpan.TicksPerSecond;
}
