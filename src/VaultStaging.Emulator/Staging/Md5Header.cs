using System;
using VaultStaging.Emulator.Api;

namespace VaultStaging.Emulator.Staging;

/// <summary>
/// Reads a <c>Content-MD5</c> header. UNCONFIRMED which encoding Vault expects: the emulator accepts
/// RFC 1864 base64 of the 16-byte digest and also 32 hex digits, and rejects anything else.
/// </summary>
internal static class Md5Header
{
    /// <summary>The digest as lower-case hex, or null when the header is absent.</summary>
    public static string? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (value.Length == 32 && IsHex(value))
        {
            return value.ToLowerInvariant();
        }

        var bytes = new byte[18];
        if (Convert.TryFromBase64String(value, bytes, out int written) && written == 16)
        {
            return Convert.ToHexStringLower(bytes, 0, 16);
        }

        throw new VaultApiException(ErrorTypes.InvalidData, "Content-MD5 must be the base64 (RFC 1864) or hex MD5 digest of the body.");
    }

    public static void Verify(string? expectedHex, string actualHex)
    {
        if (expectedHex is not null && !string.Equals(expectedHex, actualHex, StringComparison.Ordinal))
        {
            // UNCONFIRMED error type for a checksum mismatch; the content is not stored.
            throw new VaultApiException(ErrorTypes.InvalidData, "Content-MD5 does not match the MD5 of the received content.");
        }
    }

    private static bool IsHex(string value)
    {
        foreach (char c in value)
        {
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
