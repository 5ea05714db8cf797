using System;
using System.Collections;
using System.Collections.Generic;

namespace VaultStaging.Cli;

/// <summary>The environment variables the CLI reads; tests pass their own dictionary instead of the process environment.</summary>
internal static class EnvironmentVariables
{
    public const string Vault = "VAULTSTAGING_VAULT";
    public const string UserName = "VAULTSTAGING_USERNAME";
    public const string Password = "VAULTSTAGING_PASSWORD";
    public const string SessionId = "VAULTSTAGING_SESSION_ID";

    public static IDictionary<string, string?> FromProcess()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }

    /// <summary>The value, or null when the variable is unset or blank.</summary>
    public static string? Get(IDictionary<string, string?> environment, string name)
        => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
