using System;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Link;
using VaultStaging.Tests.Support;

namespace VaultStaging.Tests.Transfer;

/// <summary>
/// An emulator (small part limits unless told otherwise), a connection to it as the admin user, and a temp folder
/// for local files. Staging paths go under the admin's home, /u1000.
/// </summary>
internal sealed class TransferHarness : IAsyncDisposable
{
    public const string Home = "/u1000";

    /// <summary>Small limits so multi-part files stay a few KiB: parts from 1 KiB to 64 KiB.</summary>
    public static readonly PartLimits SmallLimits = new() { MinPartSize = 1024, MaxPartSize = 65536, MaxParts = 2000 };

    private TransferHarness(EmulatorServer server, VaultConnection connection, TempFolder temp)
    {
        Server = server;
        Connection = connection;
        Temp = temp;
    }

    public EmulatorServer Server { get; }

    public VaultConnection Connection { get; }

    public TempFolder Temp { get; }

    public static async Task<TransferHarness> StartAsync(
        bool realLimits = false,
        int connectionAttempts = 4,
        Action<EmulatorLimits>? configure = null,
        IVaultLog? log = null,
        LinkProfile? link = null,
        TimeProvider? clock = null)
    {
        var limits = realLimits
            ? new EmulatorLimits()
            : new EmulatorLimits { MinPartSize = SmallLimits.MinPartSize, MaxPartSize = SmallLimits.MaxPartSize, MaxParts = SmallLimits.MaxParts };
        limits.JobPollInterval = TimeSpan.FromMilliseconds(1);
        configure?.Invoke(limits);
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Limits = limits, Link = link, Clock = clock ?? TimeProvider.System });
        try
        {
            var connection = await VaultConnection.ConnectAsync(new VaultConnectionOptions
            {
                Server = server.BaseUrl,
                Credential = new VaultCredential("admin", "admin"),
                Log = log,
                Retry = new RetryOptions
                {
                    MaxAttempts = connectionAttempts,
                    BaseDelay = TimeSpan.FromMilliseconds(5),
                    MaxDelay = TimeSpan.FromMilliseconds(20),
                },
            });
            return new TransferHarness(server, connection, new TempFolder("vaultstaging-xfer"));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options that force a session for anything over 1 KiB, with 4 KiB parts and a fast job poll.</summary>
    public static UploadOptions SessionOptions(long partSize = 4096) => new()
    {
        Limits = SmallLimits,
        PartSize = partSize,
        SmallFileThreshold = 1024,
        JobPollInterval = TimeSpan.FromMilliseconds(10),
        JobTimeout = TimeSpan.FromSeconds(30),
    };

    public string LocalFile(string name, long size, int seed = 1) => RandomFile.Create(Temp.Combine(name), size, seed);

    /// <summary>MD5 of what the emulator holds at a staging path (root view).</summary>
    public string StagedMd5(string stagingPath) => RandomFile.Md5Of(Server.GetLocalPath(stagingPath));

    public int CountRequests(EmulatorEndpoint endpoint, int skip = 0, int? partNumber = null)
        => Server.Requests.Skip(skip).Count(r => r.Endpoint == endpoint && (partNumber is null || r.PartNumber == partNumber));

    /// <summary>Requests to <paramref name="endpoint"/> the emulator answered with SUCCESS.</summary>
    public int CountSucceeded(EmulatorEndpoint endpoint, int skip = 0)
        => Server.Requests.Skip(skip).Count(r => r.Endpoint == endpoint && r.ResponseStatus == "SUCCESS");

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}
