using System;
using System.Reflection;
using System.Security.Cryptography;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>MD5 digests and the two spellings the API uses: lower-case hex (responses) and base64 (Content-MD5).</summary>
internal static class Md5
{
    private static volatile bool s_platformRefused;

    /// <summary>
    /// A new MD5: the platform's, or <see cref="ManagedMd5"/> once the platform has refused (MD5.Create() throws on
    /// .NET Framework under Windows' FIPS policy). The refusal is remembered, so it costs one exception per process.
    /// </summary>
    public static HashAlgorithm Create() => Create(MD5.Create);

    /// <summary>Test seam: <paramref name="platform"/> stands for MD5.Create.</summary>
    internal static HashAlgorithm Create(Func<HashAlgorithm> platform)
    {
        if (!s_platformRefused)
        {
            try
            {
                return platform();
            }
            catch (Exception e) when (IsPlatformRefusal(e))
            {
                s_platformRefused = true;
            }
        }

        return new ManagedMd5();
    }

    /// <summary>How .NET Framework refuses a non-FIPS algorithm: InvalidOperationException, possibly wrapped by CryptoConfig.</summary>
    internal static bool IsPlatformRefusal(Exception e)
        => e is InvalidOperationException or CryptographicException or PlatformNotSupportedException
           || (e is TargetInvocationException { InnerException: { } inner } && IsPlatformRefusal(inner));

    /// <summary>Forgets a refusal (tests only).</summary>
    internal static void ResetForTests() => s_platformRefused = false;

    public static byte[] Hash(ArraySegment<byte> bytes)
    {
        using var md5 = Create();
        return md5.ComputeHash(bytes.Array!, bytes.Offset, bytes.Count);
    }

    /// <summary>Ends an incremental hash fed with TransformBlock and returns its digest.</summary>
    public static byte[] Finish(HashAlgorithm md5)
    {
        md5.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return md5.Hash!;
    }

    public static string ToHex(byte[] digest) => FileStagingClient.Hex(digest);

    public static string ToBase64(byte[] digest) => Convert.ToBase64String(digest);

    /// <summary>Case-insensitive comparison of a server's hex digest with a local one.</summary>
    public static bool HexEquals(string? hex, byte[] digest)
        => hex is not null && string.Equals(hex.Trim(), ToHex(digest), StringComparison.OrdinalIgnoreCase);
}
