using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Link;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

/// <summary>Parts stream from disk in chunks, are hashed on the way and verified against what the server stored.</summary>
public sealed class StreamedPartTests
{
    [Fact]
    public async Task A_part_streams_its_exact_bytes_and_knows_their_md5_once_written()
    {
        using var temp = new TempFolder("vaultstaging-parts");
        var path = RandomFile.Create(temp.Combine("f.bin"), (3 * PartSource.ChunkSize) + 17);
        var plan = PartPlan.Create(new FileInfo(path).Length, new PartLimits { MinPartSize = 1024 }, PartSource.ChunkSize + 5);
        using var source = PartSource.Open(LocalFileSnapshot.Take(path), plan, digest: null);
        var bytes = File.ReadAllBytes(path);

        using var content = source.ContentFor(2);
        Assert.Null(content.SentMd5);
        var written = await content.ReadAsByteArrayAsync();

        var expected = bytes.AsSpan((int)plan.OffsetOf(2), plan.LengthOf(2)).ToArray();
        Assert.Equal(expected, written);
        Assert.Equal(MD5.HashData(expected), content.SentMd5);
        Assert.Equal(MD5.HashData(expected), await source.HashAsync(2, default));
        Assert.Null(content.Headers.ContentMD5);
    }

    [Fact]
    public async Task A_file_cut_short_while_its_part_is_sent_fails_as_changed_without_retries()
    {
        await using var h = await TransferHarness.StartAsync();
        var path = h.LocalFile("cut.bin", 3 * 4096);
        var plan = PartPlan.Create(3 * 4096, TransferHarness.SmallLimits, 4096);
        var session = await h.Connection.Staging.CreateSessionAsync("/u1000/cut.bin", 3 * 4096, overwrite: false);
        using var source = PartSource.Open(LocalFileSnapshot.Take(path), plan, digest: null);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(4096 + 100);
        }

        var before = h.Server.Requests.Count;
        var error = await Assert.ThrowsAsync<VaultStagingException>(
            () => h.Connection.Staging.UploadPartAsync(session.Id, 2, 4096, () => source.ContentFor(2), default));

        Assert.Equal(VaultErrorIds.LocalFileChanged, error.ErrorId);
        Assert.True(h.Server.Requests.Count - before <= 1, "a local failure is not worth a retry");
    }

    [Fact]
    public void The_whole_file_digest_counts_re_read_bytes_once()
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        using var digest = new FileDigest(bytes.Length);

        digest.Append(0, bytes[..400], 400);
        digest.Append(0, bytes[..400], 400); // part 1 sent again
        digest.Append(600, bytes[600..], 400); // a gap: not taken
        Assert.Null(digest.Hex);
        digest.Append(300, bytes[300..700], 400);
        digest.Append(600, bytes[600..], 400);

        Assert.Equal(Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant(), digest.Hex);
    }

    [Fact]
    public async Task A_far_link_gets_parts_of_the_api_maximum_and_a_near_one_the_default()
    {
        await using var far = await TransferHarness.StartAsync(realLimits: true, link: new LinkProfile(TimeSpan.FromMilliseconds(20), null));
        await using var near = await TransferHarness.StartAsync(realLimits: true);
        var local = far.LocalFile("big.bin", 13 * PartLimits.MiB);
        var options = new UploadOptions { JobPollInterval = TimeSpan.FromMilliseconds(10), SmallFileThreshold = PartLimits.MiB };

        var overFar = await new FileUploader(far.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/big.bin"));
        var overNear = await new FileUploader(near.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/big.bin"));

        Assert.Equal(UploadStatus.Staged, overFar.Status);
        Assert.Equal(1, overFar.Parts); // parts of 50,000,000 bytes
        Assert.Equal(UploadStatus.Staged, overNear.Status);
        Assert.Equal(2, overNear.Parts); // 12 MiB + 1 MiB
        Assert.Equal(RandomFile.Md5Of(local), far.StagedMd5("/u1000/big.bin"));
        Assert.Equal(RandomFile.Md5Of(local), near.StagedMd5("/u1000/big.bin"));
    }

    [Fact]
    public async Task A_large_part_reports_progress_while_it_goes_and_progress_only_moves_forward()
    {
        await using var h = await TransferHarness.StartAsync(realLimits: true);
        var local = h.LocalFile("progress.bin", 13 * PartLimits.MiB);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<UploadProgress>();

        var result = await new FileUploader(h.Connection, new UploadOptions { JobPollInterval = TimeSpan.FromMilliseconds(10), SmallFileThreshold = PartLimits.MiB })
            .UploadAsync(new UploadRequest(local, "/u1000/progress.bin"), new Collector(seen.Enqueue));

        Assert.Equal(UploadStatus.Staged, result.Status);
        var uploading = seen.Where(p => p.Stage == UploadStage.Uploading).Select(p => p.BytesDone).ToList();
        Assert.Contains(uploading, bytes => bytes % PartPlan.DefaultPartSize != 0 && bytes < PartPlan.DefaultPartSize); // inside part 1
        Assert.Equal(uploading.OrderBy(b => b), uploading);
        Assert.Equal(13 * PartLimits.MiB, uploading[^1]);
    }

    private sealed class Collector(Action<UploadProgress> report) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => report(value);
    }
}
