using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VaultStaging.Emulator.Api;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Hosting;
using VaultStaging.Emulator.Link;
using VaultStaging.Emulator.Recording;

namespace VaultStaging.Emulator;

/// <summary>A running Vault file staging emulator on 127.0.0.1 (real HTTP via Kestrel).</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorContext _emulator;
    private readonly bool _ownsDataDirectory;
    private int _disposed;

    private EmulatorServer(WebApplication app, EmulatorContext emulator, bool ownsDataDirectory)
    {
        _app = app;
        _emulator = emulator;
        _ownsDataDirectory = ownsDataDirectory;
        State = new EmulatorState(emulator);
    }

    /// <summary>The Vault "server", e.g. <c>http://127.0.0.1:54321/</c>; the API is at <c>{BaseUrl}api/{v}/...</c>.</summary>
    public Uri BaseUrl => _emulator.BaseUrl;

    public string DataDirectory => _emulator.DataDirectory;

    public EmulatorOptions Options => _emulator.Options;

    public FaultInjector Faults => _emulator.Faults;

    /// <summary>Snapshot of the request log (no credentials, no query strings).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _emulator.Log.Snapshot();

    public EmulatorState State { get; }

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = Path.GetFullPath(
            options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "vault-emulator-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(dataDirectory);

        var emulator = new EmulatorContext(options, dataDirectory);
        foreach (var rule in options.Faults)
        {
            emulator.Faults.Add(rule);
        }

        // The empty builder reads no configuration files and watches nothing, so many servers can run in one test process.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        var shaper = options.Link is { IsShaped: true } link ? new LinkShaper(link) : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (shaper is not null)
                {
                    listen.Use(shaper.OnConnectionOpened);
                }
            });
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();

        var app = builder.Build();
        if (shaper is not null)
        {
            app.Use(shaper.InvokeAsync);
        }

        ControlEndpoints.Map(app, emulator);
        DiscardEndpoint.Map(app);
        var dispatcher = new ApiDispatcher(emulator);
        app.Map("/{**path}", dispatcher.HandleAsync);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return new EmulatorServer(app, emulator, ownsDataDirectory);
    }

    public void ClearRequests() => _emulator.Log.Clear();

    /// <summary>Where a staged item lives on disk; <paramref name="stagingPath"/> is in the ROOT view, e.g. <c>/u1000/x.txt</c>.</summary>
    public string GetLocalPath(string stagingPath)
    {
        var path = EmulatorState.ParseRootPath(stagingPath);
        var item = _emulator.Staging.Find(path);
        return _emulator.Staging.LocalPath(item is null ? path : _emulator.Staging.PathOf(item));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _emulator.BeginStopping();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _emulator.Dispose();
        if (_ownsDataDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }
}
