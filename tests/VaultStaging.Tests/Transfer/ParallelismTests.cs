using System;
using System.Linq;
using System.Threading.Tasks;
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
}
