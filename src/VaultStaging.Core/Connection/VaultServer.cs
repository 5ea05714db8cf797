using System;
using System.Net;

namespace VaultStaging.Core.Connection;

/// <summary>Turns what a user types (a DNS name or a URL) into the Vault base address.</summary>
public static class VaultServer
{
    private static readonly char[] SpaceOrBackslash = { ' ', '\\' };

    /// <summary>
    /// Accepts "myvault.veevavault.com", "https://myvault.veevavault.com" or a loopback http URL
    /// (the emulator). Throws <see cref="VaultStagingException"/> (InsecureServerUrl / InvalidServerUrl)
    /// for plain http to anything but loopback, or for a value that is not a host.
    /// </summary>
    public static Uri Parse(string dnsOrUrl)
    {
        var text = dnsOrUrl?.Trim() ?? "";
        var hasScheme = text.IndexOf("://", StringComparison.Ordinal) >= 0;
        if (text.Length == 0
            || !Uri.TryCreate(hasScheme ? text : "https://" + text, UriKind.Absolute, out var uri)
            || uri.Host.Length == 0
            || !string.IsNullOrEmpty(uri.UserInfo)
            || text.IndexOfAny(SpaceOrBackslash) >= 0)
        {
            throw Invalid(text);
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopback(uri))
            {
                throw new VaultStagingException(
                    VaultErrorIds.InsecureServerUrl,
                    VaultErrorCategory.SecurityError,
                    $"'{uri.Authority}' was given with http://; HTTPS is required for a Vault server (plain http is only allowed for a loopback emulator). Use https://{uri.Authority}.")
                {
                    Target = text,
                };
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid(text);
        }

        return new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
    }

    internal static bool IsLoopback(Uri uri)
    {
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
    }

    private static VaultStagingException Invalid(string text)
    {
        // A URL with user info may carry a password: never echo it.
        var shown = text.IndexOf('@') >= 0 ? "The given value" : $"'{text}'";
        return new VaultStagingException(
            VaultErrorIds.InvalidServerUrl,
            VaultErrorCategory.InvalidArgument,
            $"{shown} is not a Vault server address; give a DNS name such as myvault.veevavault.com or an https:// URL (without user name or password).");
    }
}
