using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

/// <summary>How many files go at once: more over a WAN, while files sent by session stay capped (memory).</summary>
public sealed class ParallelismTests
{
    [Theory]
    [InlineData(0, TransferParallelism.LanFiles)]
    [InlineData(3, TransferParallelism.LanFiles)]
    [InlineData(10, TransferParallelism.WanFiles)]
    [InlineData(150, TransferParallelism.WanFiles)]
    public void Files_in_flight_follow_the_round_trip(int milliseconds, int files)
        => Assert.Equal(files, TransferParallelism.FilesFor(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public async Task Sessions_are_capped_while_small_files_keep_every_slot()
    {
        await using var h = await TransferHarness.StartAsync();
        var options = TransferHarness.SessionOptions();
        options.MaxParallelSessions = 1;
        var batch = new UploadBatch(h.Connection, options, maxParallelFiles: 8);
        var results = new System.Collections.Concurrent.ConcurrentBag<UploadResult>();
        batch.FileCompleted += (_, r) => results.Add(r);
        for (var i = 0; i < 4; i++)
        {
            batch.Post(new UploadRequest(h.LocalFile($"big{i}.bin", 20_000, seed: i), $"/u1000/cap/big{i}.bin"));
            batch.Post(new UploadRequest(h.LocalFile($"small{i}.txt", 100, seed: i), $"/u1000/cap/small{i}.txt"));
        }

        await batch.CompleteAsync();

        Assert.Equal(8, results.Count(r => r.Status == UploadStatus.Staged));
        // With one session at a time, each session's parts and commit come before the next session is created.
        var sessionSteps = h.Server.Requests
            .Where(r => r.Endpoint is EmulatorEndpoint.CreateSession or EmulatorEndpoint.Commit)
            .Select(r => r.Endpoint)
            .ToList();
        Assert.Equal(8, sessionSteps.Count);
        for (var i = 0; i < sessionSteps.Count; i += 2)
        {
            Assert.Equal(EmulatorEndpoint.CreateSession, sessionSteps[i]);
            Assert.Equal(EmulatorEndpoint.Commit, sessionSteps[i + 1]);
        }
    }

    [Fact]
    public async Task Connections_are_opened_ahead_for_the_files_that_will_be_sent_and_no_more()
    {
        await using var h = await TransferHarness.StartAsync();
        var opener = new RecordingOpener();
        using var handler = new SocketsHttpHandler();
        using var connection = await VaultConnection.ConnectAsync(new VaultConnectionOptions
        {
            Server = h.Server.BaseUrl,
            Credential = new VaultCredential("admin", "admin"),
            HttpHandler = handler,
            ConnectionOpener = opener,
        });
        var files = Enumerable.Range(0, 6).Select(i => new UploadRequest(h.LocalFile($"f{i}.txt", 100, seed: i), $"/u1000/ahead/f{i}.txt")).ToList();

        await RunBatchAsync(connection, new UploadOptions { DryRun = true }, files);
        Assert.Empty(opener.Asked); // a dry run sends nothing

        await RunBatchAsync(connection, new UploadOptions(), files);
        Assert.NotEmpty(opener.Asked);
        Assert.All(opener.Asked, n => Assert.InRange(n, 1, 3)); // never more than the files in flight

        opener.Asked.Clear();
        await RunBatchAsync(connection, new UploadOptions { IfExists = ExistingFileAction.Skip }, files);
        Assert.Empty(opener.Asked); // all staged already: nothing to send
    }

    private static async Task RunBatchAsync(VaultConnection connection, UploadOptions options, System.Collections.Generic.IEnumerable<UploadRequest> files)
    {
        var batch = new UploadBatch(connection, options, maxParallelFiles: 3);
        var failed = new ConcurrentBag<UploadResult>();
        batch.FileCompleted += (_, r) =>
        {
            if (r.Status == UploadStatus.Failed)
            {
                failed.Add(r);
            }
        };
        foreach (var file in files)
        {
            batch.Post(file);
        }

        await batch.CompleteAsync();
        Assert.Empty(failed);
    }

    private sealed class RecordingOpener : IConnectionOpener
    {
        public ConcurrentQueue<int> Asked { get; } = new();

        public void OpenAhead(int connections) => Asked.Enqueue(connections);
    }
}
