using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VaultStaging.Core.Connection;

/// <summary>
/// Vault's rules that more than one front end checks, written once: the API version and client id syntax
/// (https://general.veevavault.dev/vault-api/getting-started/endpoint-structure/ and …/vault-api/references/client-id/)
/// and the job-status read limit (https://general.veevavault.dev/vault-api/api-reference/26.2/jobs/retrieve-job-status/). The CLI and the module call these; the engine enforces them.
/// </summary>
public static class VaultRules
{
    /// <summary>"v" + two-digit year + "." + release, e.g. v26.1 (three releases a year).</summary>
    public const string ApiVersionPattern = @"^v\d{2}\.\d$";

    /// <summary>At most 100 letters, digits, '.', '_' or '-'.</summary>
    public const string ClientIdPattern = @"^[A-Za-z0-9._-]{1,100}$";

    /// <summary>Vault allows one status read per job per 10 s (faster only against a loopback emulator).</summary>
    public static readonly TimeSpan JobPollFloor = TimeSpan.FromSeconds(10);

    private static readonly Regex ApiVersionRegex = new(ApiVersionPattern, RegexOptions.CultureInvariant);
    private static readonly Regex ClientIdRegex = new(ClientIdPattern, RegexOptions.CultureInvariant);

    public static bool IsApiVersion(string? text) => text is not null && ApiVersionRegex.IsMatch(text);

    public static bool IsClientId(string? text) => text is not null && ClientIdRegex.IsMatch(text);

    /// <summary>The year and release of a valid API version; throws InvalidApiVersion otherwise.</summary>
    public static (int Major, int Minor) ParseApiVersion(string? text)
    {
        if (!IsApiVersion(text))
        {
            throw new VaultStagingException(
                VaultErrorIds.InvalidApiVersion,
                VaultErrorCategory.InvalidArgument,
                $"The API version '{text}' is not valid: use the form v26.1.");
        }

        var dot = text!.IndexOf('.');
        return (int.Parse(text.Substring(1, dot - 1), CultureInfo.InvariantCulture), int.Parse(text.Substring(dot + 1), CultureInfo.InvariantCulture));
    }
}
