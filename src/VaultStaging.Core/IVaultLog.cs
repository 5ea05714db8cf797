namespace VaultStaging.Core;

/// <summary>Receives the engine's diagnostic lines. Implementations must be thread-safe.</summary>
public interface IVaultLog
{
    /// <summary>One line per HTTP step and transfer decision.</summary>
    void Verbose(string message);

    /// <summary>Adds Vault execution ids and rate-limit figures.</summary>
    void Debug(string message);

    /// <summary>Throttling, retries, sessions left behind.</summary>
    void Warning(string message);
}
