using System;
using System.IO;
using System.Threading;
using VaultStaging.Emulator.Api;
using VaultStaging.Emulator.Auth;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Jobs;
using VaultStaging.Emulator.Limits;
using VaultStaging.Emulator.Paging;
using VaultStaging.Emulator.Recording;
using VaultStaging.Emulator.Sessions;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator;

/// <summary>Everything one emulator instance owns; shared by the endpoint handlers.</summary>
internal sealed class EmulatorContext : IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    public EmulatorContext(EmulatorOptions options, string dataDirectory)
    {
        Options = options;
        Limits = options.Limits;
        Clock = options.Clock;
        DataDirectory = dataDirectory;
        Users = new UserDirectory(options.Users);
        Logins = new LoginSessionStore(Clock, Limits);
        Staging = new StagingStore(Gate, Path.Combine(dataDirectory, "staging"), options.DiscardContent, Clock);
        Sessions = new UploadSessionStore(Gate, Path.Combine(dataDirectory, "sessions"), Clock, Limits);
        Jobs = new JobStore(Gate, Clock, Limits);
        Cursors = new CursorStore(Clock, Limits);
        Burst = new BurstLimiter(Clock, Limits);
        AuthRate = new AuthRateLimiter(Clock, Limits);
        TempDirectory = Path.Combine(dataDirectory, "tmp");
        if (Directory.Exists(TempDirectory))
        {
            Directory.Delete(TempDirectory, recursive: true);
        }

        Directory.CreateDirectory(TempDirectory);
        foreach (var user in Users.All)
        {
            Staging.EnsureFolder(PathRules.Home(user).Append("Inbox"));
        }
    }

    /// <summary>One lock for all staging, session and job state, so multi-store changes are atomic.</summary>
    public object Gate { get; } = new();

    public EmulatorOptions Options { get; }

    public EmulatorLimits Limits { get; }

    public TimeProvider Clock { get; }

    /// <summary>Cancelled when the emulator shuts down: an injected slow response must not hold up the shutdown.</summary>
    public CancellationToken Stopping => stopping.Token;

    public void BeginStopping() => stopping.Cancel();

    public void Dispose() => stopping.Dispose();

    public string DataDirectory { get; }

    public string TempDirectory { get; }

    public UserDirectory Users { get; }

    public LoginSessionStore Logins { get; }

    public StagingStore Staging { get; }

    public UploadSessionStore Sessions { get; }

    public JobStore Jobs { get; }

    public CursorStore Cursors { get; }

    public BurstLimiter Burst { get; }

    public AuthRateLimiter AuthRate { get; }

    public FaultInjector Faults { get; } = new();

    public RequestLog Log { get; } = new();

    /// <summary>Set once Kestrel has bound its port, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    public long MaxParts(ApiVersion version) =>
        Options.UseVersionLimits && version >= ApiVersion.LargePartLimits ? 9616 : Limits.MaxParts;

    public long MaxPartSize(ApiVersion version) =>
        Options.UseVersionLimits && version >= ApiVersion.LargePartLimits ? 52_000_000 : Limits.MaxPartSize;

    /// <summary>Files produced by successful commit jobs, oldest first (guarded by <see cref="Gate"/>).</summary>
    public System.Collections.Generic.List<CommittedFileInfo> CommittedFiles { get; } = new();

    public void RecordCommit(StagingPath target, long size, string? md5, long userId)
    {
        lock (Gate)
        {
            CommittedFiles.Add(new CommittedFileInfo(target.ToString(), size, md5, userId, Clock.GetUtcNow()));
        }
    }

    public string NewTempFile() => Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"));
}
