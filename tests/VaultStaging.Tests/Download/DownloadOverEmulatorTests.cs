using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core.Download;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using VaultStaging.Tests.Transfer;
using Xunit;

namespace VaultStaging.Tests.Download;

public sealed class DownloadOverEmulatorTests
{
    private const long RangeSize = 4096;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(RangeSize)]
    [InlineData(RangeSize + 1)]
    [InlineData((RangeSize * 5) + 123)]
    public async Task Files_of_every_edge_size_download_byte_identical_in_ranges(long size)
    {
        await using var h = await TransferHarness.StartAsync();
        var source = await StageAsync(h, "src.bin", "/u1000/dl/f.bin", size);
        var item = await h.Connection.Staging.GetItemAsync("/u1000/dl/f.bin");
        var target = h.Temp.Combine("out/f.bin");
        var skip = h.Server.Requests.Count;

        var result = await Downloader(h).DownloadAsync(new DownloadRequest(item!, target));

        Assert.True(result.Status == DownloadStatus.Downloaded, result.Error?.Message);
        Assert.Equal(RandomFile.Md5Of(source), RandomFile.Md5Of(target));
        Assert.False(File.Exists(DownloadRequest.PartialPathFor(target)));
        long expectedRanges = (size + RangeSize - 1) / RangeSize;
        Assert.Equal(expectedRanges, result.Ranges);
        Assert.Equal(expectedRanges, h.CountRequests(EmulatorEndpoint.Download, skip));
        Assert.Equal(item!.ModifiedDate!.Value.UtcDateTime, File.GetLastWriteTimeUtc(target), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_partial_file_from_an_interrupted_run_is_checked_then_resumed_from_its_end()
    {
        await using var h = await TransferHarness.StartAsync();
        const long size = (RangeSize * 5) + 100;
        var source = await StageAsync(h, "src.bin", "/u1000/dl/big.bin", size);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/big.bin"))!;
        var target = h.Temp.Combine("out/big.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(DownloadRequest.PartialPathFor(target), bytes.Take((int)(RangeSize * 2)).ToArray());
        var skip = h.Server.Requests.Count;

        var result = await Downloader(h).DownloadAsync(new DownloadRequest(item, target));

        Assert.Equal(DownloadStatus.Downloaded, result.Status);
        Assert.Equal(RangeSize * 2, result.BytesResumed);
        Assert.Equal(1 + 4, result.Ranges); // the check of the last 1 KiB held, then 3 full ranges and a short one
        Assert.Equal(5, h.CountRequests(EmulatorEndpoint.Download, skip));
        Assert.Equal(RandomFile.Md5Of(source), RandomFile.Md5Of(target));
    }

    [Fact]
    public async Task A_download_stopped_mid_file_keeps_its_partial_file_and_the_next_run_resumes_it()
    {
        await using var h = await TransferHarness.StartAsync();
        const long size = (RangeSize * 6) + 11;
        var source = await StageAsync(h, "src.bin", "/u1000/dl/stop.bin", size);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/stop.bin"))!;
        var target = h.Temp.Combine("out/stop.bin");
        using var stop = new System.Threading.CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.BytesDone >= RangeSize * 3)
            {
                stop.Cancel(); // deterministic: progress is reported on the copying thread
            }
        });

        var stopped = await Downloader(h).DownloadAsync(new DownloadRequest(item, target), progress, stop.Token);

        Assert.Equal(DownloadStatus.Cancelled, stopped.Status);
        Assert.False(File.Exists(target));
        var held = new FileInfo(DownloadRequest.PartialPathFor(target)).Length;
        Assert.InRange(held, RangeSize * 3, size - 1);

        var resumed = await Downloader(h).DownloadAsync(new DownloadRequest(item, target));

        Assert.Equal(DownloadStatus.Downloaded, resumed.Status);
        Assert.Equal(held, resumed.BytesResumed);
        Assert.Equal(RandomFile.Md5Of(source), RandomFile.Md5Of(target));
    }

    [Fact]
    public async Task A_partial_file_that_does_not_match_the_staged_bytes_is_downloaded_again_from_the_start()
    {
        await using var h = await TransferHarness.StartAsync();
        const long size = (RangeSize * 3) + 7;
        var source = await StageAsync(h, "src.bin", "/u1000/dl/x.bin", size);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/x.bin"))!;
        var target = h.Temp.Combine("out/x.bin");
        RandomFile.Create(DownloadRequest.PartialPathFor(target), RangeSize, seed: 99);

        var result = await Downloader(h).DownloadAsync(new DownloadRequest(item, target));

        Assert.Equal(DownloadStatus.Downloaded, result.Status);
        Assert.Equal(0, result.BytesResumed);
        Assert.Equal(RandomFile.Md5Of(source), RandomFile.Md5Of(target));
    }

    [Fact]
    public async Task A_failed_range_is_retried_and_a_half_file_never_gets_the_final_name()
    {
        await using var h = await TransferHarness.StartAsync();
        var source = await StageAsync(h, "src.bin", "/u1000/dl/r.bin", RangeSize * 3);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/r.bin"))!;
        var target = h.Temp.Combine("out/r.bin");
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.Http500, Endpoint = EmulatorEndpoint.Download, Count = 1 });

        var retried = await Downloader(h).DownloadAsync(new DownloadRequest(item, target));
        Assert.Equal(DownloadStatus.Downloaded, retried.Status);
        Assert.Equal(RandomFile.Md5Of(source), RandomFile.Md5Of(target));

        // Every attempt fails: the run ends Failed, nothing under the final name.
        var second = h.Temp.Combine("out2/r.bin");
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.Http500, Endpoint = EmulatorEndpoint.Download, Count = 0 });
        var failed = await Downloader(h).DownloadAsync(new DownloadRequest(item, second));
        Assert.Equal(DownloadStatus.Failed, failed.Status);
        Assert.NotNull(failed.Error);
        Assert.False(File.Exists(second));
    }

    [Fact]
    public async Task A_staged_file_that_changed_size_since_the_listing_fails_and_leaves_no_file()
    {
        await using var h = await TransferHarness.StartAsync();
        await StageAsync(h, "v1.bin", "/u1000/dl/c.bin", 5000);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/c.bin"))!;
        await StageAsync(h, "v2.bin", "/u1000/dl/c.bin", 9000, seed: 2, overwrite: true);
        var target = h.Temp.Combine("out/c.bin");

        var result = await Downloader(h).DownloadAsync(new DownloadRequest(item, target));

        Assert.Equal(DownloadStatus.Failed, result.Status);
        Assert.Equal("DownloadSizeMismatch", result.Error!.ErrorId);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(DownloadRequest.PartialPathFor(target)));
    }

    [Fact]
    public async Task Where_the_listing_gives_an_md5_the_download_must_match_it()
    {
        await using var h = await TransferHarness.StartAsync();
        var source = await StageAsync(h, "src.bin", "/u1000/dl/m.bin", 5000);
        var listed = (await h.Connection.Staging.GetItemAsync("/u1000/dl/m.bin"))!;
        VaultStaging.Core.Staging.StagingItem WithMd5(string md5) => new()
        {
            Kind = listed.Kind, Path = listed.Path, Name = listed.Name, Size = listed.Size, ModifiedDate = listed.ModifiedDate, ContentMd5 = md5,
        };

        var good = await Downloader(h).DownloadAsync(new DownloadRequest(WithMd5(RandomFile.Md5Of(source)), h.Temp.Combine("good/m.bin")));
        var bad = await Downloader(h).DownloadAsync(new DownloadRequest(WithMd5(new string('0', 32)), h.Temp.Combine("bad/m.bin")));

        Assert.Equal(DownloadStatus.Downloaded, good.Status);
        Assert.Equal(DownloadStatus.Failed, bad.Status);
        Assert.Equal("DownloadMd5Mismatch", bad.Error!.ErrorId);
        Assert.False(File.Exists(h.Temp.Combine("bad/m.bin")));
        Assert.False(File.Exists(DownloadRequest.PartialPathFor(h.Temp.Combine("bad/m.bin"))));
    }

    [Theory]
    [InlineData(ExistingLocalFileAction.Fail, DownloadStatus.Failed, false)]
    [InlineData(ExistingLocalFileAction.Skip, DownloadStatus.Skipped, false)]
    [InlineData(ExistingLocalFileAction.Overwrite, DownloadStatus.Downloaded, true)]
    [InlineData(ExistingLocalFileAction.Update, DownloadStatus.Downloaded, true)]
    public async Task An_existing_local_file_is_treated_as_asked(ExistingLocalFileAction action, DownloadStatus expected, bool replaced)
    {
        await using var h = await TransferHarness.StartAsync();
        var source = await StageAsync(h, "src.bin", "/u1000/dl/e.bin", 3000);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/e.bin"))!;
        var target = RandomFile.Create(h.Temp.Combine("out/e.bin"), 10, seed: 7);
        File.SetLastWriteTimeUtc(target, item.ModifiedDate!.Value.UtcDateTime.AddHours(-1));
        var before = RandomFile.Md5Of(target);

        var result = await Downloader(h, action).DownloadAsync(new DownloadRequest(item, target));

        Assert.Equal(expected, result.Status);
        Assert.Equal(replaced ? RandomFile.Md5Of(source) : before, RandomFile.Md5Of(target));
        if (action == ExistingLocalFileAction.Fail)
        {
            Assert.Equal("LocalFileExists", result.Error!.ErrorId);
        }
    }

    [Fact]
    public async Task Update_skips_a_file_it_downloaded_before()
    {
        await using var h = await TransferHarness.StartAsync();
        await StageAsync(h, "src.bin", "/u1000/dl/u.bin", 3000);
        var item = (await h.Connection.Staging.GetItemAsync("/u1000/dl/u.bin"))!;
        var target = h.Temp.Combine("out/u.bin");
        Assert.Equal(DownloadStatus.Downloaded, (await Downloader(h).DownloadAsync(new DownloadRequest(item, target))).Status);

        var again = await Downloader(h, ExistingLocalFileAction.Update).DownloadAsync(new DownloadRequest(item, target));

        Assert.Equal(DownloadStatus.Skipped, again.Status);
    }

    [Fact]
    public async Task A_folder_downloads_recursively_in_parallel_keeping_its_layout_and_empty_folders()
    {
        await using var h = await TransferHarness.StartAsync();
        var a = await StageAsync(h, "a.bin", "/u1000/tree/a.bin", 5000, seed: 1);
        var b = await StageAsync(h, "b.bin", "/u1000/tree/sub/b.bin", 9000, seed: 2);
        var c = await StageAsync(h, "c.bin", "/u1000/tree/sub/deeper/c.bin", 0, seed: 3);
        await h.Connection.Staging.EnsureFolderAsync("/u1000/tree/empty");
        var into = h.Temp.Combine("in");

        var selection = new DownloadSelection();
        var needsRecurse = await Assert.ThrowsAsync<VaultStaging.Core.VaultStagingException>(
            () => DownloadSelector.SelectAsync(h.Connection.Staging, "/u1000/tree", into, recurse: false, selection));
        Assert.Equal("StagingFolderNeedsRecurse", needsRecurse.ErrorId);
        await DownloadSelector.SelectAsync(h.Connection.Staging, "/u1000/tree", into, recurse: true, selection);
        Assert.Equal(3, selection.Files.Count);
        Assert.Empty(selection.Refused);

        var batch = new DownloadBatch(h.Connection, new DownloadOptions { RangeSize = RangeSize, ResumeCheckSize = 1024 }, maxParallelFiles: 3);
        var results = new System.Collections.Concurrent.ConcurrentBag<DownloadResult>();
        batch.FileCompleted += (_, r) => results.Add(r);
        await batch.RunAsync(selection.Files);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(DownloadStatus.Downloaded, r.Status));
        Assert.Equal(RandomFile.Md5Of(a), RandomFile.Md5Of(Path.Combine(into, "tree", "a.bin")));
        Assert.Equal(RandomFile.Md5Of(b), RandomFile.Md5Of(Path.Combine(into, "tree", "sub", "b.bin")));
        Assert.Equal(0, new FileInfo(Path.Combine(into, "tree", "sub", "deeper", "c.bin")).Length);
        Assert.Contains(Path.Combine(into, "tree", "empty"), selection.Folders);
        _ = c;
    }

    [Fact]
    public async Task A_missing_staging_path_is_reported_as_not_found()
    {
        await using var h = await TransferHarness.StartAsync();

        var error = await Assert.ThrowsAsync<VaultStaging.Core.VaultStagingException>(
            () => DownloadSelector.SelectAsync(h.Connection.Staging, "/u1000/nothing/here.bin", h.Temp.Path, recurse: false, new DownloadSelection()));

        Assert.Equal("StagingItemNotFound", error.ErrorId);
    }

    [Fact]
    public async Task Two_staged_files_with_one_local_name_are_refused_rather_than_mixed()
    {
        await using var h = await TransferHarness.StartAsync();
        await StageAsync(h, "a.bin", "/u1000/one/same.txt", 10, seed: 1);
        await StageAsync(h, "b.bin", "/u1000/two/SAME.txt", 20, seed: 2);
        var selection = new DownloadSelection();

        await DownloadSelector.SelectAsync(h.Connection.Staging, "/u1000/one/same.txt", h.Temp.Path, recurse: false, selection);
        await DownloadSelector.SelectAsync(h.Connection.Staging, "/u1000/two/SAME.txt", h.Temp.Path, recurse: false, selection);

        Assert.Single(selection.Files);
        Assert.Equal("DuplicateLocalPath", Assert.Single(selection.Refused).Error!.ErrorId);
    }

    [Theory]
    [InlineData("a/b.txt", true)]
    [InlineData("..", false)]
    [InlineData("a/../b", false)]
    [InlineData(".", false)]
    public void Relative_staging_paths_that_would_climb_out_of_the_target_are_refused(string relative, bool safe)
        => Assert.Equal(safe, DownloadSelector.ToLocal(relative) is not null);

    [Fact]
    public void The_range_size_may_not_exceed_the_documented_50_MB()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DownloadOptions { RangeSize = DownloadOptions.MaxRangeSize + 1 }.Validate());
        new DownloadOptions().Validate();
        Assert.Equal(50_000_000, new DownloadOptions().RangeSize);
    }

    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    private static FileDownloader Downloader(TransferHarness h, ExistingLocalFileAction ifExists = ExistingLocalFileAction.Fail)
        => new(h.Connection, new DownloadOptions { RangeSize = RangeSize, ResumeCheckSize = 1024, IfExists = ifExists });

    private static async Task<string> StageAsync(TransferHarness h, string localName, string stagingPath, long size, int seed = 1, bool overwrite = false)
    {
        var local = h.LocalFile(localName, size, seed);
        var options = TransferHarness.SessionOptions();
        options.IfExists = overwrite ? ExistingFileAction.Overwrite : ExistingFileAction.Fail;
        var result = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, stagingPath));
        // Staged, or (replacing a staged copy, on main since issue 11) Updated: either way no error and not skipped.
        Assert.True(result.Error is null && result.Status != UploadStatus.Skipped && result.Status != UploadStatus.Failed, result.Error?.Message);
        return local;
    }
}
