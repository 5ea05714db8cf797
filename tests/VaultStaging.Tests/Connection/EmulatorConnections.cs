using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Tests.Connection;

/// <summary>Connections to a loopback emulator with retry delays small enough for tests.</summary>
internal static class EmulatorConnections
{
    public static RetryOptions FastRetry(int maxAttempts = 4) => new()
    {
        MaxAttempts = maxAttempts,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        MaxTotal = TimeSpan.FromSeconds(30),
    };

    public static EmulatorOptions SmallLimits() => new()
    {
        Limits = new EmulatorLimits
        {
            MinPartSize = 1024,
            MaxPartSize = 64 * 1024,
            MaxSmallFileSize = 256 * 1024,
            JobPollInterval = TimeSpan.Zero,
            BurstDelay = TimeSpan.FromMilliseconds(5),
        },
    };

    public static Task<EmulatorServer> StartAsync(EmulatorOptions? options = null)
        => EmulatorServer.StartAsync(options ?? SmallLimits());

    public static VaultConnectionOptions Options(EmulatorServer server, IVaultLog? log = null, string user = "admin", string password = "admin") => new()
    {
        Server = VaultServer.Parse(server.BaseUrl.ToString()),
        Credential = new VaultCredential(user, password),
        Retry = FastRetry(),
        RequestTimeout = TimeSpan.FromSeconds(30),
        Log = log,
    };

    public static Task<VaultConnection> ConnectAsync(EmulatorServer server, IVaultLog? log = null)
        => VaultConnection.ConnectAsync(Options(server, log));

    public static int Count(this EmulatorServer server, EmulatorEndpoint endpoint)
        => server.Requests.Count(r => r.Endpoint == endpoint);
}

/// <summary>Keeps every line the engine logs, from any thread.</summary>
internal sealed class CapturingLog : IVaultLog
{
    private readonly ConcurrentQueue<(string Level, string Message)> lines = new();

    public IReadOnlyList<(string Level, string Message)> Lines => lines.ToArray();

    public IEnumerable<string> Warnings => Lines.Where(l => l.Level == "Warning").Select(l => l.Message);

    public IEnumerable<string> All => Lines.Select(l => l.Message);

    public void Verbose(string message) => lines.Enqueue(("Verbose", message));

    public void Debug(string message) => lines.Enqueue(("Debug", message));

    public void Warning(string message) => lines.Enqueue(("Warning", message));
}
