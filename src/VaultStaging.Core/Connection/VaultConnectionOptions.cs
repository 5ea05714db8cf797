using System;
using System.Net.Http;

namespace VaultStaging.Core.Connection;

/// <summary>Everything needed to open a <see cref="VaultConnection"/>.</summary>
public sealed class VaultConnectionOptions
{
    public const string DefaultApiVersion = "v26.1";
    public const string DefaultClientId = "vaultstaging";

    /// <summary>The Vault host, e.g. https://myvault.veevavault.com/. Use <see cref="VaultServer.Parse"/> to accept a bare DNS name.</summary>
    public Uri Server { get; set; } = null!;

    /// <summary>API version segment with its leading v, e.g. v26.1.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Sent as X-VaultAPI-ClientID; letters, digits, '.', '_' and '-', at most 100 characters.</summary>
    public string ClientId { get; set; } = DefaultClientId;

    /// <summary>User name and password; when held, an expired login session is renewed automatically.</summary>
    public VaultCredential? Credential { get; set; }

    /// <summary>An existing session id or API access token (veeva-vault-…), used when no credential is given.</summary>
    public string? SessionId { get; set; }

    /// <summary>Timeout of one HTTP request (a part upload is one request).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Transport retries: backoff with jitter on network errors, 5xx, HTML pages and Retry-After.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Receives one line per HTTP step (never a secret). Called from worker threads.</summary>
    public IVaultLog? Log { get; set; }

    /// <summary>
    /// The connection's one source of time and delay (retry delays, job polls, session-slot waits, the rate governor,
    /// the bandwidth cap, durations); tests pass a clock they move. The request timeout stays on real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>For tests and proxies: the handler under the connection's HttpClient.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>With <see cref="HttpHandler"/>: opens that handler's connections before a batch needs them; null = on demand.</summary>
    public IConnectionOpener? ConnectionOpener { get; set; }
}

/// <summary>User name and password. <see cref="ToString"/> never shows the password.</summary>
public sealed class VaultCredential
{
    public VaultCredential(string userName, string password)
    {
        UserName = userName ?? throw new ArgumentNullException(nameof(userName));
        Password = password ?? throw new ArgumentNullException(nameof(password));
    }

    public string UserName { get; }

    internal string Password { get; }

    public override string ToString() => UserName + " (password hidden)";
}
