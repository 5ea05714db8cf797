using System;
using System.Security.Cryptography;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>MD5 digests and the two spellings the API uses: lower-case hex (responses) and base64 (Content-MD5).</summary>
internal static class Md5
{
    public static byte[] Hash(ArraySegment<byte> bytes)
    {
        using var md5 = MD5.Create();
        return md5.ComputeHash(bytes.Array!, bytes.Offset, bytes.Count);
    }

    public static string ToHex(byte[] digest) => FileStagingClient.Hex(digest);

    public static string ToBase64(byte[] digest) => Convert.ToBase64String(digest);

    /// <summary>Case-insensitive comparison of a server's hex digest with a local one.</summary>
    public static bool HexEquals(string? hex, byte[] digest)
        => hex is not null && string.Equals(hex.Trim(), ToHex(digest), StringComparison.OrdinalIgnoreCase);
}
