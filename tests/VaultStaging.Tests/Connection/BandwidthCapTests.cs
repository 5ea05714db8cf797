using System;
using System.Threading.Tasks;
using VaultStaging.Core.Http;
using VaultStaging.Core.Transfer;
using VaultStaging.Tests.Cli;
using VaultStaging.Tests.Support;
using VaultStaging.Tests.Transfer;
using Xunit;

namespace VaultStaging.Tests.Connection;

/// <summary>--bwlimit / -MaximumBytesPerSecond: the schedule on a moved clock, and transfers through it stay intact.</summary>
public sealed class BandwidthCapTests
{
    [Fact]
    public void Bytes_wait_their_turn_at_the_rate_shared_by_every_transfer()
    {
        var clock = new ManualClock();
        var cap = new BandwidthCap(1_000_000, clock); // 1 MB/s: 1,000 bytes per millisecond

        Assert.Equal(TimeSpan.FromMilliseconds(64), cap.Reserve(64_000));
        Assert.Equal(TimeSpan.FromMilliseconds(128), cap.Reserve(64_000)); // another transfer queues behind
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(14), cap.Reserve(64_000)); // idle: at most 50 ms of catch-up
    }

    [Fact]
    public async Task A_capped_upload_and_download_are_byte_identical()
    {
        await using var h = await TransferHarness.StartAsync();
        h.Connection.MaxBytesPerSecond = 50_000_000;
        var local = h.LocalFile("capped.bin", 9000, seed: 3);

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, "/u1000/cap/capped.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/cap/capped.bin"));
        Assert.Equal(50_000_000, h.Connection.MaxBytesPerSecond);
    }

    [Fact]
    public async Task A_rate_that_is_not_one_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var file = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", file, "--to", "/demo", "--bwlimit", "fast");
        var tiny = await host.RunAsync("upload", file, "--to", "/demo", "--bwlimit", "10");
        var ok = await host.RunAsync("upload", file, "--to", "/demo", "--bwlimit", "10MiB/s");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bwlimit", run.Stderr);
        Assert.Equal(2, tiny.ExitCode);
        Assert.True(ok.ExitCode == 0, ok.ToString());
    }
}
