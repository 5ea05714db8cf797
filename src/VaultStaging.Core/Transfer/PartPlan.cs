using System;

namespace VaultStaging.Core.Transfer;

/// <summary>How a file of a given size is cut into equal parts (the last may be shorter).</summary>
public sealed class PartPlan
{
    private PartPlan(long fileSize, long partSize, int partCount)
    {
        FileSize = fileSize;
        PartSize = partSize;
        PartCount = partCount;
    }

    public long FileSize { get; }

    public long PartSize { get; }

    public int PartCount { get; }

    /// <summary>Default part size, chosen with the benchmark.</summary>
    public const long DefaultPartSize = 16 * PartLimits.MiB;

    /// <summary>
    /// Uses <paramref name="requestedPartSize"/> (or the default), raised as needed so the part count stays within
    /// the limits; throws <see cref="VaultStagingException"/> (FileTooLarge / InvalidPartSize) when the file cannot fit
    /// or the requested size is outside [MinPartSize, MaxPartSize].
    /// </summary>
    public static PartPlan Create(long fileSize, PartLimits limits, long? requestedPartSize = null) => throw new NotImplementedException();

    public long OffsetOf(int partNumber) => (partNumber - 1) * PartSize;

    public int LengthOf(int partNumber) => (int)Math.Min(PartSize, FileSize - OffsetOf(partNumber));
}
