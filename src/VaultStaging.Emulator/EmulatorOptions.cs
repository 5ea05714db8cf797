using System;
using System.Collections.Generic;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Emulator;

/// <summary>Settings for one <see cref="EmulatorServer"/> instance.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; set; }

    /// <summary>Root of the emulator's files; null creates a temporary directory that is deleted on dispose.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Vault users; when empty a single admin user <c>admin</c>/<c>admin</c> with id 1000 is created.</summary>
    public IList<EmulatorUser> Users { get; } = new List<EmulatorUser>();

    public long VaultId { get; set; } = 1000;

    public EmulatorLimits Limits { get; set; } = new();

    /// <summary>Clock for every expiry and rate-limit window (tests pass a manual clock).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>A slow link to rehearse against (round trip and rate); null = loopback as it is.</summary>
    public Link.LinkProfile? Link { get; set; }

    /// <summary>Benchmark mode: each body is hashed once and discarded, never written to disk; committed files have no MD5.</summary>
    public bool DiscardContent { get; set; }

    /// <summary>
    /// Simulates Vault's auth defaulting: when set, <c>/auth</c> answers with this vault id and a
    /// different host in <c>vaultIds[].url</c>, as if the user had been logged in to another Vault.
    /// </summary>
    public long? AuthVaultIdOverride { get; set; }

    /// <summary>When true (default), requests on v26.2+ get the 26.2 part limits (9616 parts of up to 52,000,000 bytes).</summary>
    public bool UseVersionLimits { get; set; } = true;

    /// <summary>Faults armed when the server starts (the command line's <c>--fault</c>).</summary>
    public IList<FaultRule> Faults { get; } = new List<FaultRule>();
}

/// <summary>Server-side limits; defaults are the documented Vault values (strictest reading where ambiguous).</summary>
public sealed class EmulatorLimits
{
    public long MinPartSize { get; set; } = 5_242_880;

    /// <summary>"50 MB" read strictly as 50,000,000 bytes.</summary>
    public long MaxPartSize { get; set; } = 50_000_000;

    public int MaxParts { get; set; } = 2000;

    public long MaxFileSize { get; set; } = 500_000_000_000;

    public long MaxSmallFileSize { get; set; } = 50_000_000;

    public int MaxActiveSessions { get; set; } = 50;

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(72);

    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LoginIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan LoginMaxLifetime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Calls per 5-minute window before responses are delayed.</summary>
    public int BurstLimit { get; set; } = 2000;

    /// <summary>Real-time delay applied to throttled responses (burst and auth burst).</summary>
    public TimeSpan BurstDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Auth calls per minute per user name + vaultDNS; delayed from 50 %, rejected above 100 %.</summary>
    public int AuthBurstLimit { get; set; } = 20;

    public int MaxListLimit { get; set; } = 1000;

    /// <summary>Time (on the clock) from job creation to SUCCESS; zero runs jobs immediately.</summary>
    public TimeSpan JobDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Largest byte range one download request may ask for ("50 MB", strict).</summary>
    public long MaxDownloadRange { get; set; } = 50_000_000;

    /// <summary>Validity of a list cursor (<c>next_page</c>).</summary>
    public TimeSpan CursorLifetime { get; set; } = TimeSpan.FromMinutes(30);

    internal EmulatorLimits Clone() => (EmulatorLimits)MemberwiseClone();
}

/// <summary>A Vault user known to the emulator.</summary>
public sealed record EmulatorUser(string UserName, string Password, bool IsAdmin, long Id);
