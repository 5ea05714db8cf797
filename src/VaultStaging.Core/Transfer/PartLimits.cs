using System;
using System.Globalization;

using VaultStaging.Core.Connection;

namespace VaultStaging.Core.Transfer;

/// <summary>The server's part rules for an API version (https://general.veevavault.dev/vault-api/api-reference/26.2/file-staging/resumable-upload-sessions/upload-to-a-session/, which changed in v26.2).</summary>
public sealed class PartLimits
{
    public const long MiB = 1024 * 1024;

    /// <summary>5 MiB: the documented minimum for every part but the last.</summary>
    public long MinPartSize { get; init; } = 5 * MiB;

    /// <summary>50,000,000 bytes: safe whether "50 MB" means 10^6 or 2^20.</summary>
    public long MaxPartSize { get; init; } = 50_000_000;

    public int MaxParts { get; init; } = 2000;

    public long MaxFileSize { get; init; } = 500_000_000_000;

    /// <summary>The single-request upload limit.</summary>
    public long MaxSmallFileSize { get; init; } = 50_000_000;

    /// <summary>2000 × 50 MB up to v26.1; v26.2 documents 9616 × 52 MB.</summary>
    public static PartLimits ForApiVersion(string apiVersion)
    {
        var (major, minor) = VaultRules.ParseApiVersion(apiVersion);
        return major > 26 || (major == 26 && minor >= 2) ? V26_2 : new PartLimits();
    }

    /// <summary>The largest file these limits can carry by session.</summary>
    public long SessionCapacity => Math.Min(MaxFileSize, MaxParts * MaxPartSize);

    /// <summary>The limits documented for v26.2 (9616 parts of up to 52,000,000 bytes).</summary>
    internal static PartLimits V26_2 => new() { MaxParts = 9616, MaxPartSize = 52_000_000 };
}
