using System;
using System.Globalization;

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

    /// <summary>
    /// The smallest part size a run chooses by itself, chosen with the benchmark (docs/performance.md): on loopback 8 to
    /// 47 MiB parts stage at the same speed; a farther link gets larger parts (<see cref="LinkEstimate"/>).
    /// </summary>
    public const long DefaultPartSize = 12 * PartLimits.MiB;

    /// <summary>
    /// Uses <paramref name="requestedPartSize"/> (or the default), raised as needed so the part count stays within
    /// the limits; throws <see cref="VaultStagingException"/> (FileTooLarge / InvalidPartSize) when the file cannot fit
    /// or the requested size is outside [MinPartSize, MaxPartSize].
    /// </summary>
    public static PartPlan Create(long fileSize, PartLimits limits, long? requestedPartSize = null)
    {
        if (fileSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fileSize), fileSize, "A file size cannot be negative.");
        }

        if (limits is null)
        {
            throw new ArgumentNullException(nameof(limits));
        }

        if (requestedPartSize is { } requested && (requested < limits.MinPartSize || requested > limits.MaxPartSize))
        {
            throw new VaultStagingException(
                VaultErrorIds.InvalidPartSize,
                VaultErrorCategory.InvalidArgument,
                $"The part size {Bytes(requested)} is outside the allowed range {Bytes(limits.MinPartSize)} to {Bytes(limits.MaxPartSize)}; choose a size in that range or leave it unset.");
        }

        if (fileSize > limits.SessionCapacity)
        {
            throw FileTooLarge(fileSize, limits);
        }

        var partSize = Clamp(requestedPartSize ?? DefaultPartSize, limits.MinPartSize, limits.MaxPartSize);
        var needed = Math.Max(limits.MinPartSize, CeilDiv(fileSize, limits.MaxParts));
        if (partSize < needed)
        {
            partSize = Math.Min(CeilDiv(needed, PartLimits.MiB) * PartLimits.MiB, limits.MaxPartSize);
        }

        return new PartPlan(fileSize, partSize, (int)CeilDiv(fileSize, partSize));
    }

    /// <summary>Bytes before part <paramref name="partNumber"/> plus its length: what the server holds once it has parts 1…N.</summary>
    public long EndOf(int partNumber) => Math.Min(FileSize, partNumber * PartSize);

    public long OffsetOf(int partNumber) => (partNumber - 1) * PartSize;

    private static VaultStagingException FileTooLarge(long fileSize, PartLimits limits)
    {
        var message = $"The file is {Bytes(fileSize)}, more than a resumable upload can carry under these limits: "
            + $"{limits.MaxParts.ToString("N0", CultureInfo.InvariantCulture)} parts of at most {Bytes(limits.MaxPartSize)}, "
            + $"{Bytes(limits.SessionCapacity)} in all.";
        var newer = PartLimits.V26_2;
        if (fileSize <= newer.SessionCapacity && limits.SessionCapacity < newer.SessionCapacity)
        {
            message += $" API version v26.2 or later allows {newer.MaxParts.ToString("N0", CultureInfo.InvariantCulture)} parts of {Bytes(newer.MaxPartSize)} "
                + $"({Bytes(newer.SessionCapacity)}); connect with that version, or split the file.";
        }
        else
        {
            message += " Split the file into smaller pieces.";
        }

        return new VaultStagingException(VaultErrorIds.FileTooLarge, VaultErrorCategory.LimitsExceeded, message);
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;

    private static long Clamp(long value, long min, long max) => Math.Max(min, Math.Min(max, value));

    private static string Bytes(long value) => value.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    public int LengthOf(int partNumber) => (int)Math.Min(PartSize, FileSize - OffsetOf(partNumber));
}
