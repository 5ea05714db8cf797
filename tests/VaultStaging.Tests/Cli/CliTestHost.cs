using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli;
using VaultStaging.Emulator;
using VaultStaging.Tests.Support;

namespace VaultStaging.Tests.Cli;

/// <summary>An emulator and a local temp folder for one test; runs the CLI in-process against them.</summary>
public sealed class CliTestHost : IAsyncDisposable
{
    /// <summary>The emulator's own job rule; the CLI polls at twice that (--job-poll-interval is allowed on loopback only).</summary>
    private static readonly TimeSpan ServerJobPollInterval = TimeSpan.FromMilliseconds(50);

    private CliTestHost(EmulatorServer server)
    {
        Server = server;
    }

    public EmulatorServer Server { get; }

    public TempFolder Local { get; } = new("vaultstaging-cli");

    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["VAULTSTAGING_USERNAME"] = "admin",
        ["VAULTSTAGING_PASSWORD"] = "admin",
    };

    public static async Task<CliTestHost> StartAsync(Action<EmulatorLimits>? configure = null)
    {
        var options = new EmulatorOptions { Limits = new EmulatorLimits { JobPollInterval = ServerJobPollInterval } };
        configure?.Invoke(options.Limits);
        return new CliTestHost(await EmulatorServer.StartAsync(options));
    }

    /// <summary>Runs with --vault pointing at the emulator and a short job poll interval.</summary>
    public Task<CliRun> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
        => RunRawAsync(Environment, Time, cancellationToken, args.Concat(ConnectionArguments()).ToArray());

    /// <summary>The CLI's clock for <see cref="RunAsync(string[])"/>; null = real time.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Runs exactly the given arguments.</summary>
    public static Task<CliRun> RunRawAsync(IDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
        => RunRawAsync(environment, null, cancellationToken, args);

    /// <summary>Runs exactly the given arguments with <paramref name="time"/> as the CLI's clock (null = real time).</summary>
    public static async Task<CliRun> RunRawAsync(IDictionary<string, string?> environment, TimeProvider? time, CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = await CliApp.RunAsync(args, stdout, stderr, environment, cancellationToken, time);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>vaultstaging</c> as a child process (as cron would), against this emulator.</summary>
    public async Task<CliRun> RunBuiltAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vaultstaging.dll"));
        foreach (var arg in args.Concat(ConnectionArguments()))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var variable in Environment)
        {
            info.Environment[variable.Key] = variable.Value;
        }

        info.Environment["VAULTSTAGING_STATE_DIR"] = Local.Combine(".state");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public string[] ConnectionArguments() => new[]
    {
        "--vault", Server.BaseUrl.ToString()!, "--job-poll-interval", (ServerJobPollInterval * 2).ToString(),
    };

    /// <summary>Writes a local file of random bytes under the temp folder.</summary>
    public string CreateFile(string relativePath, long size, int seed = 1) => RandomFile.Create(Local.Combine(relativePath), size, seed);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Local.Dispose();
    }
}
