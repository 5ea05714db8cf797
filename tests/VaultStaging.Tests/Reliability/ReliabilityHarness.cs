using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Connection;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Reliability;

/// <summary>
/// An emulator with KiB parts and fast retries, a connection with a unique password whose log is captured, a temp
/// folder (resume journal included), and the secret check every reliability test ends with.
/// </summary>
internal sealed class ReliabilityHarness : IAsyncDisposable
{
    public const string Password = "Rel-Unique-Pa55word-4417";
    public const string Folder = "/u1000/rel";

    /// <summary>A login session id as the emulator issues them (96 upper-case hex characters).</summary>
    private static readonly Regex SessionIdShape = new("[0-9A-F]{96}", RegexOptions.CultureInvariant);

    private readonly ConcurrentBag<string> sessionIds = new();
    private readonly List<string> texts = new();

    private ReliabilityHarness(EmulatorServer server, VaultConnection connection, CapturingLog log, TempFolder temp)
    {
        Server = server;
        Connection = connection;
        Log = log;
        Temp = temp;
        NoteSession();
    }

    public EmulatorServer Server { get; }

    public VaultConnection Connection { get; }

    public CapturingLog Log { get; }

    public TempFolder Temp { get; }

    public string JournalFolder => Temp.Combine("journal");

    public static async Task<ReliabilityHarness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            Limits = new EmulatorLimits
            {
                MinPartSize = 1024,
                MaxPartSize = 65536,
                MaxParts = 2000,
                JobPollInterval = TimeSpan.FromMilliseconds(1),
                BurstDelay = TimeSpan.FromMilliseconds(20),
            },
        };
        options.Users.Add(new EmulatorUser("admin", Password, IsAdmin: true, Id: 1000));
        options.Users.Add(new EmulatorUser("other", "other-pw", IsAdmin: false, Id: 1001));
        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options);
        var log = new CapturingLog();
        try
        {
            var connection = await VaultConnection.ConnectAsync(new VaultConnectionOptions
            {
                Server = server.BaseUrl,
                Credential = new VaultCredential("admin", Password),
                Log = log,
                Retry = new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
                // The client's waits (a 503's Retry-After, the governor's spacing, job polls) jump on this clock.
                TimeProvider = new ManualClock { AdvancesWhenWaited = true },
            });
            var harness = new ReliabilityHarness(server, connection, log, new TempFolder("vaultstaging-rel"));
            await connection.Staging.EnsureFolderAsync(Folder);
            return harness;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>4 KiB parts, anything over 1 KiB by session, a fast job poll, short session-slot waits, the journal in the temp folder.</summary>
    public UploadOptions Options() => new()
    {
        Limits = new PartLimits { MinPartSize = 1024, MaxPartSize = 65536, MaxParts = 2000 },
        PartSize = 4096,
        SmallFileThreshold = 1024,
        JobPollInterval = TimeSpan.FromMilliseconds(10),
        JobTimeout = TimeSpan.FromSeconds(30),
        ResumeJournalFolder = JournalFolder,
        SessionSlotBaseDelay = TimeSpan.FromMilliseconds(20),
        SessionSlotMaxDelay = TimeSpan.FromMilliseconds(100),
        SessionSlotTimeout = TimeSpan.FromSeconds(20),
    };

    public string LocalFile(string name, long size, int seed = 1) => RandomFile.Create(Temp.Combine(name), size, seed);

    public async Task<UploadResult> UploadAsync(string local, string stagingPath, UploadOptions? options = null, IProgress<UploadProgress>? progress = null)
    {
        NoteSession();
        var result = await new FileUploader(Connection, options ?? Options()).UploadAsync(new UploadRequest(local, stagingPath), progress);
        NoteSession();
        Produced(result.Error?.ToString(), result.Error?.Message, result.ToString());
        return result;
    }

    /// <summary>True when nothing is staged at the path, or exactly the local bytes are.</summary>
    public bool StagedIntactOrAbsent(string local, string stagingPath)
    {
        var staged = Server.GetLocalPath(stagingPath);
        return !File.Exists(staged) || RandomFile.Md5Of(staged) == RandomFile.Md5Of(local);
    }

    public bool StagedIdentical(string local, string stagingPath)
    {
        var staged = Server.GetLocalPath(stagingPath);
        return File.Exists(staged) && RandomFile.Md5Of(staged) == RandomFile.Md5Of(local);
    }

    public int PartRequests(int skip = 0) => Server.Requests.Skip(skip).Count(r => r.Endpoint == EmulatorEndpoint.UploadPart);

    public void NoteSession() => sessionIds.Add(Connection.Pipeline.Session.Current);

    /// <summary>Adds text this run produced (CLI output, exception text) to what <see cref="AssertNoSecretsAsync"/> searches.</summary>
    public void Produced(params string?[] more)
    {
        lock (texts)
        {
            texts.AddRange(more.Where(t => t is not null)!);
        }
    }

    /// <summary>
    /// Searches every log line, error and journal file for the password, every login session id this connection held,
    /// and anything shaped like a session id; returns the bytes searched.
    /// </summary>
    public long AssertNoSecrets()
    {
        NoteSession();
        var all = new List<string>(Log.All);
        lock (texts)
        {
            all.AddRange(texts);
        }

        if (Directory.Exists(JournalFolder))
        {
            all.AddRange(Directory.EnumerateFiles(JournalFolder).Select(File.ReadAllText));
        }

        var secrets = sessionIds.Where(s => !string.IsNullOrEmpty(s)).Distinct().Append(Password).ToList();
        foreach (var text in all)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text);
            }

            Assert.DoesNotMatch(SessionIdShape, text);
        }

        return all.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t));
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}
