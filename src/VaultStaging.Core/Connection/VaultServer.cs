using System;

namespace VaultStaging.Core.Connection;

/// <summary>Turns what a user types (a DNS name or a URL) into the Vault base address.</summary>
public static class VaultServer
{
    /// <summary>
    /// Accepts "myvault.veevavault.com", "https://myvault.veevavault.com" or a loopback http URL
    /// (the emulator). Throws <see cref="VaultStagingException"/> (InsecureServerUrl / InvalidServerUrl)
    /// for plain http to anything but loopback, or for a value that is not a host.
    /// </summary>
    public static Uri Parse(string dnsOrUrl) => throw new NotImplementedException();
}
