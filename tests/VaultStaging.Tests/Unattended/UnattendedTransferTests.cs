using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Connection;
using VaultStaging.Tests.Support;
using VaultStaging.Tests.Transfer;
using Xunit;

namespace VaultStaging.Tests.Unattended;

/// <summary>Issue 11 in the engine: nothing lost or left looking good, one bad file fails one file, a cheap request budget.</summary>
public sealed class UnattendedTransferTests
{
    private const string Folder = TransferHarness.Home + "/sync";

    [Fact]
    public async Task Update_stages_new_files_replaces_changed_ones_and_skips_identical_ones()
    {
        await using var h = await TransferHarness.StartAsync();
        var same = h.LocalFile("same.bin", 500, seed: 1);
        var changed = h.LocalFile("changed.bin", 3000, seed: 2);
        var options = TransferHarness.SessionOptions();
        await StageAllAsync(h, options, same, changed);

        RandomFile.Create(changed, 3000, seed: 3); // same size, new content: only the write time tells
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(2));
        var added = h.LocalFile("new.bin", 200, seed: 4);
        options.IfExists = ExistingFileAction.Update;
        var results = await StageAllAsync(h, options, same, changed, added);

        Assert.Equal(UploadStatus.Skipped, results[same].Status);
        Assert.Equal(UploadStatus.Updated, results[changed].Status);
        Assert.Equal(UploadStatus.Staged, results[added].Status);
        Assert.Equal(RandomFile.Md5Of(changed), h.StagedMd5(Folder + "/changed.bin"));
    }

    [Fact]
    public async Task A_dry_run_decides_every_file_and_sends_nothing_that_changes_the_server()
    {
        await using var h = await TransferHarness.StartAsync();
        var same = h.LocalFile("same.bin", 500, seed: 1);
        var options = TransferHarness.SessionOptions();
        await StageAllAsync(h, options, same);
        File.SetLastWriteTimeUtc(same, DateTime.UtcNow.AddMinutes(-10));
        var added = h.LocalFile("new.bin", 5000, seed: 4);
        var before = h.Server.Requests.Count;

        options.IfExists = ExistingFileAction.Update;
        options.DryRun = true;
        var results = await StageAllAsync(h, options, same, added);

        Assert.Equal(UploadStatus.Skipped, results[same].Status);
        Assert.Equal(UploadStatus.Staged, results[added].Status);
        Assert.All(h.Server.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
        Assert.False(File.Exists(h.Server.GetLocalPath(Folder + "/new.bin")));
    }

    [Fact]
    public async Task A_no_op_rerun_lists_each_folder_once_instead_of_one_request_per_file()
    {
        await using var h = await TransferHarness.StartAsync();
        var files = Enumerable.Range(0, 60).Select(i => h.LocalFile($"f{i:00}.txt", 10 + i, seed: i)).ToArray();
        var options = TransferHarness.SessionOptions();
        var firstRun = h.Server.Requests.Count;
        await StageAllAsync(h, options, files, i => $"{Folder}/d{i % 3}/{Path.GetFileName(files[i])}");
        var firstRequests = h.Server.Requests.Count - firstRun;

        options.IfExists = ExistingFileAction.Skip;
        var before = h.Server.Requests.Count;
        var results = await StageAllAsync(h, options, files, i => $"{Folder}/d{i % 3}/{Path.GetFileName(files[i])}");

        Assert.All(results.Values, r => Assert.Equal(UploadStatus.Skipped, r.Status));
        Assert.Equal(3, h.Server.Requests.Skip(before).Count());
        Assert.Equal(60 + 4, h.CountSucceeded(EmulatorEndpoint.CreateItem, firstRun)); // one upload per file, plus four folders
        Assert.InRange(firstRequests, 60 + 4, 60 + 4 + 6); // three listings, and the first folder's create that found sync missing
    }

    [Fact]
    public async Task A_small_file_answered_with_a_wrong_md5_is_sent_once_more()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("a.bin", 700);
        await h.Connection.Staging.EnsureFolderAsync(Folder);
        var before = h.Server.Requests.Count;
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.WrongMd5, Endpoint = EmulatorEndpoint.CreateItem, Count = 1 });

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, Folder + "/a.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(2, h.CountRequests(EmulatorEndpoint.CreateItem, before));
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5(Folder + "/a.bin"));
    }

    [Fact]
    public async Task A_small_file_that_never_verifies_is_removed_so_a_later_skip_run_cannot_accept_it()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("a.bin", 700);
        await h.Connection.Staging.EnsureFolderAsync(Folder);
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.WrongMd5, Endpoint = EmulatorEndpoint.CreateItem, Count = 2 });
        var options = TransferHarness.SessionOptions();

        var failed = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, Folder + "/a.bin"));

        Assert.Equal(UploadStatus.Failed, failed.Status);
        Assert.Equal("StagedCopyCorrupt", failed.Error!.ErrorId);
        Assert.Equal(local, failed.Error.Target);
        Assert.Null(await h.Connection.Staging.GetItemAsync(Folder + "/a.bin"));

        options.IfExists = ExistingFileAction.Skip;
        var rerun = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, Folder + "/a.bin"));
        Assert.Equal(UploadStatus.Staged, rerun.Status);
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5(Folder + "/a.bin"));
    }

    [Fact]
    public async Task A_committed_file_of_the_wrong_size_is_removed()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("big.bin", 9000);
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.ShortFile, Endpoint = EmulatorEndpoint.Commit });

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, Folder + "/big.bin"));

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("StagedCopyCorrupt", result.Error!.ErrorId);
        Assert.Null(await h.Connection.Staging.GetItemAsync(Folder + "/big.bin"));
    }

    [Fact]
    public async Task A_session_refused_for_good_is_aborted_instead_of_holding_a_slot()
    {
        // The client believes in 2000 parts; this vault takes 2, so part 3 is refused with INVALID_DATA.
        await using var h = await TransferHarness.StartAsync(configure: l => l.MaxParts = 2);
        var local = h.LocalFile("big.bin", 4096 * 3);

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, Folder + "/big.bin"));

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Empty(h.Server.State.ActiveSessions);
        Assert.Equal(1, h.CountRequests(EmulatorEndpoint.AbortSession));
    }

    [Fact]
    public async Task A_file_waiting_for_its_commit_job_hands_its_slot_to_the_next_file()
    {
        // The emulator's jobs run on a manual clock: the first file's job cannot finish until the test moves it, so
        // with one slot the second file is committed only if the first handed its slot over while waiting.
        var clock = new ManualClock();
        await using var h = await TransferHarness.StartAsync(
            configure: l =>
            {
                l.JobDuration = TimeSpan.FromMinutes(10);
                l.JobPollInterval = TimeSpan.Zero;
            },
            clock: clock);
        var first = h.LocalFile("first.bin", 5000, seed: 1);
        var second = h.LocalFile("second.bin", 5000, seed: 2);
        var results = new ConcurrentDictionary<string, UploadResult>();
        var batch = new UploadBatch(h.Connection, TransferHarness.SessionOptions(), maxParallelFiles: 1);
        batch.FileCompleted += (_, r) => results[r.LocalPath] = r;
        batch.Post(new UploadRequest(first, Folder + "/first.bin"));
        batch.Post(new UploadRequest(second, Folder + "/second.bin"));
        var completing = batch.CompleteAsync();

        await WhenAsync(() => h.CountRequests(EmulatorEndpoint.Commit) == 2, completing);
        Assert.Empty(results);
        clock.Advance(TimeSpan.FromMinutes(10));
        await completing;

        Assert.All(results.Values, r => Assert.Equal(UploadStatus.Staged, r.Status));
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public async Task Retry_warnings_name_the_file_and_the_part()
    {
        var log = new CapturingLog();
        await using var h = await TransferHarness.StartAsync(log: log);
        var local = h.LocalFile("struggling.bin", 9000);
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.Http500, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 2 });

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, Folder + "/s.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        var warning = Assert.Single(log.Warnings, w => w.Contains("attempt 1", StringComparison.Ordinal));
        Assert.StartsWith(local + ": PUT ", warning);
        Assert.Contains("(part 2,", warning);
    }

    [Fact]
    public async Task A_name_vault_refuses_fails_that_file_alone_and_names_the_local_file()
    {
        await using var h = await TransferHarness.StartAsync();
        var good = h.LocalFile("good.txt", 10);
        var bad = h.LocalFile("bad.txt", 10);
        var uploader = new FileUploader(h.Connection, TransferHarness.SessionOptions());

        var refused = await uploader.UploadAsync(new UploadRequest(bad, Folder + "/bad:name.txt"));
        var staged = await uploader.UploadAsync(new UploadRequest(good, Folder + "/good.txt"));

        Assert.Equal(UploadStatus.Failed, refused.Status);
        Assert.Equal("InvalidStagingPath", refused.Error!.ErrorId);
        Assert.Equal(bad, refused.Error.Target);
        Assert.Contains(bad, refused.Error.Message);
        Assert.Equal(UploadStatus.Staged, staged.Status);
    }

    [Fact]
    public async Task A_link_to_a_file_stages_the_target_content()
    {
        await using var h = await TransferHarness.StartAsync();
        var target = h.LocalFile("target.bin", 9000, seed: 5);
        var smallTarget = h.LocalFile("small-target.txt", 100, seed: 6);
        var link = h.Temp.Combine("link.bin");
        var smallLink = h.Temp.Combine("small-link.txt");
        File.CreateSymbolicLink(link, target);
        File.CreateSymbolicLink(smallLink, smallTarget);

        var results = await StageAllAsync(h, TransferHarness.SessionOptions(), link, smallLink);

        Assert.All(results.Values, r => Assert.Equal(UploadStatus.Staged, r.Status));
        Assert.Equal(RandomFile.Md5Of(target), h.StagedMd5(Folder + "/link.bin"));
        Assert.Equal(RandomFile.Md5Of(smallTarget), h.StagedMd5(Folder + "/small-link.txt"));
    }

    private static Task<ConcurrentDictionary<string, UploadResult>> StageAllAsync(TransferHarness h, UploadOptions options, params string[] files)
        => StageAllAsync(h, options, files, i => Folder + "/" + Path.GetFileName(files[i]));

    private static async Task<ConcurrentDictionary<string, UploadResult>> StageAllAsync(
        TransferHarness h, UploadOptions options, string[] files, Func<int, string> stagingPath)
    {
        var results = new ConcurrentDictionary<string, UploadResult>();
        var batch = new UploadBatch(h.Connection, options, maxParallelFiles: 1);
        batch.FileCompleted += (_, r) => results[r.LocalPath] = r;
        for (var i = 0; i < files.Length; i++)
        {
            batch.Post(new UploadRequest(files[i], stagingPath(i)));
        }

        await batch.CompleteAsync();
        return results;
    }

    /// <summary>
    /// Waits for the emulator to have seen what the product does on its own threads (a condition, not a duration);
    /// fails when the product ended first or nothing happened within a generous bound.
    /// </summary>
    private static async Task WhenAsync(Func<bool> condition, Task product)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.False(product.IsCompleted, "the batch ended before the awaited requests were made");
            Assert.True(DateTime.UtcNow < deadline, "the awaited requests were not made within 30 s");
            await Task.Delay(10); // real time: polls requests the product makes on its own threads over a real socket
        }
    }
}
