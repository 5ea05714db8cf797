using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class UploadOverEmulatorTests
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1024L)] // the small-file threshold itself
    [InlineData(1025L)] // one byte over: a single-part session
    [InlineData((5L * MiB) - 1)]
    [InlineData(5L * MiB)]
    [InlineData((5L * MiB) + 1)]
    [InlineData((4096L * 5) + 123)] // several parts, short last one
    public async Task Files_of_every_edge_size_stage_byte_identical(long size)
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("f.bin", size);
        var options = TransferHarness.SessionOptions(partSize: size > MiB ? 65536 : 4096);
        options.ComputeFileMd5 = true;

        var result = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/sizes/f.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Null(result.Error);
        Assert.Equal(size, result.Size);
        Assert.Equal(RandomFile.Md5Of(local), result.Md5);
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/sizes/f.bin"));
        Assert.Equal(size > 1024 ? (int)((size + options.PartSize!.Value - 1) / options.PartSize.Value) : 0, result.Parts);
        Assert.Equal(result.Parts, result.PartsSent);
        Assert.True(result.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_whole_file_md5_of_a_session_upload_is_computed_only_when_asked()
    {
        await using var h = await TransferHarness.StartAsync();
        var small = h.LocalFile("small.bin", 1000);
        var large = h.LocalFile("large.bin", (4096 * 3) + 5);
        var uploader = new FileUploader(h.Connection, TransferHarness.SessionOptions());

        var single = await uploader.UploadAsync(new UploadRequest(small, "/u1000/md5/small.bin"));
        var session = await uploader.UploadAsync(new UploadRequest(large, "/u1000/md5/large.bin"));

        Assert.Equal(RandomFile.Md5Of(small), single.Md5); // the single request's own checksum
        Assert.Equal(UploadStatus.Staged, session.Status);
        Assert.Null(session.Md5);
        Assert.Equal(RandomFile.Md5Of(large), h.StagedMd5("/u1000/md5/large.bin"));
    }

    [Fact]
    public async Task With_real_limits_a_file_one_byte_over_5_MiB_goes_by_session_in_two_parts()
    {
        await using var h = await TransferHarness.StartAsync(realLimits: true);
        var local = h.LocalFile("big.bin", (5L * MiB) + 1);
        var options = new UploadOptions
        {
            SmallFileThreshold = 5 * MiB,
            PartSize = 5 * MiB,
            JobPollInterval = TimeSpan.FromMilliseconds(10),
        };

        var result = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/real/big.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(2, result.Parts);
        Assert.Equal(2, h.CountRequests(EmulatorEndpoint.UploadPart));
        Assert.Equal(1, h.CountRequests(EmulatorEndpoint.CreateSession));
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/real/big.bin"));
    }

    [Fact]
    public async Task A_rerun_after_an_interruption_resends_no_verified_part()
    {
        await using var h = await TransferHarness.StartAsync(connectionAttempts: 1);
        var local = h.LocalFile("r.bin", (4096 * 6) + 10);
        var options = TransferHarness.SessionOptions();
        options.MaxPartAttempts = 1;
        options.ComputeFileMd5 = true;
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 3, Count = 1 });
        var request = new UploadRequest(local, "/u1000/resume/r.bin");

        var first = await new FileUploader(h.Connection, options).UploadAsync(request);
        Assert.Equal(UploadStatus.Failed, first.Status);
        Assert.Equal(VaultErrorCategory.ConnectionError, first.Error!.Category);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.Commit));

        var before = h.Server.Requests.Count;
        var second = await new FileUploader(h.Connection, options).UploadAsync(request);

        Assert.Equal(UploadStatus.Staged, second.Status);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.CreateSession, skip: before));
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.UploadPart, skip: before, partNumber: 1));
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.UploadPart, skip: before, partNumber: 2));
        Assert.Equal(5, h.CountRequests(EmulatorEndpoint.UploadPart, skip: before));
        Assert.Equal(7, second.Parts);
        Assert.Equal(5, second.PartsSent);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(RandomFile.Md5Of(local), second.Md5); // digest includes the parts verified, not sent
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/resume/r.bin"));
        Assert.Empty(h.Server.State.ActiveSessions);
    }

    [Theory]
    [InlineData(0)] // another size: the old session cannot be continued
    [InlineData(1)] // same size, other bytes: the held parts fail verification, so the session is aborted too
    public async Task A_local_file_changed_between_runs_is_sent_whole(int sizeDelta)
    {
        await using var h = await TransferHarness.StartAsync(connectionAttempts: 1);
        const long size = (4096 * 6) + 10;
        var local = h.LocalFile("c.bin", size, seed: 1);
        var options = TransferHarness.SessionOptions();
        options.MaxPartAttempts = 1;
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 3, Count = 1 });
        var request = new UploadRequest(local, "/u1000/changed/c.bin");
        Assert.Equal(UploadStatus.Failed, (await new FileUploader(h.Connection, options).UploadAsync(request)).Status);

        var changedSize = sizeDelta == 0 ? size + 5000 : size;
        h.LocalFile("c.bin", changedSize, seed: 2);
        var before = h.Server.Requests.Count;
        var result = await new FileUploader(h.Connection, options).UploadAsync(request);

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(result.Parts, result.PartsSent);
        Assert.Equal(1, h.CountRequests(EmulatorEndpoint.CreateSession, skip: before)); // never a mix of two versions in one session
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/changed/c.bin"));
        Assert.Empty(h.Server.State.ActiveSessions); // the stale session was aborted, not left holding a slot
    }

    [Theory]
    [InlineData(FaultKind.Http500)]
    [InlineData(FaultKind.Http503)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.ResetBeforeResponse)]
    [InlineData(FaultKind.WrongMd5)]
    [InlineData(FaultKind.HtmlErrorPage)]
    [InlineData(FaultKind.MalformedJson)]
    public async Task Part_faults_are_survived_with_a_byte_identical_result(FaultKind kind)
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("f.bin", (4096 * 4) + 1);
        h.Server.Faults.Add(new FaultRule { Kind = kind, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 2, Count = 1, RetryAfterSeconds = 0 });

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, "/u1000/faults/f.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.True(h.CountRequests(EmulatorEndpoint.UploadPart, partNumber: 2) >= 2);
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/faults/f.bin"));
    }

    [Fact]
    public async Task A_part_that_never_verifies_fails_the_file_and_is_not_committed()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("f.bin", 4096 * 3);
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.WrongMd5, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 2, Count = 0 });
        var options = TransferHarness.SessionOptions();

        var result = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/bad/f.bin"));

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("PartVerificationFailed", result.Error!.ErrorId);
        Assert.Equal(options.MaxPartAttempts, h.CountRequests(EmulatorEndpoint.UploadPart, partNumber: 2));
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.Commit));
        Assert.DoesNotContain(result.SessionId!, result.Error.Message);
    }

    [Fact]
    public async Task IfExists_fail_skip_and_overwrite()
    {
        await using var h = await TransferHarness.StartAsync();
        const string target = "/u1000/exists/f.bin";
        var first = h.LocalFile("first.bin", 100, seed: 1);
        var second = h.LocalFile("second.bin", 5000, seed: 2);
        var options = TransferHarness.SessionOptions();
        Assert.Equal(UploadStatus.Staged, (await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(first, target))).Status);

        var failed = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(second, target));
        Assert.Equal(UploadStatus.Failed, failed.Status);
        Assert.Equal("StagingItemExists", failed.Error!.ErrorId);
        Assert.Equal(VaultErrorCategory.ResourceExists, failed.Error.Category);
        Assert.Equal(new[] { RemedyAction.Update, RemedyAction.Overwrite, RemedyAction.SkipExisting }, failed.Error.Remedies.Select(r => r.Action));
        Assert.Equal(second, failed.Error.Target);

        options.IfExists = ExistingFileAction.Skip;
        var identical = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(first, target));
        Assert.Equal(UploadStatus.Skipped, identical.Status);
        var differs = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(second, target));
        Assert.Equal(UploadStatus.Failed, differs.Status);
        Assert.Equal("StagedCopyDiffers", differs.Error!.ErrorId);
        Assert.Equal(RandomFile.Md5Of(first), h.StagedMd5(target));

        options.IfExists = ExistingFileAction.Overwrite;
        var overwritten = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(second, target));
        Assert.Equal(UploadStatus.Updated, overwritten.Status);
        Assert.Equal(RandomFile.Md5Of(second), h.StagedMd5(target));

        var small = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(first, target));
        Assert.Equal(UploadStatus.Updated, small.Status);
        Assert.Equal(RandomFile.Md5Of(first), h.StagedMd5(target));
    }

    [Fact]
    public async Task Bad_local_paths_fail_with_clear_errors()
    {
        await using var h = await TransferHarness.StartAsync();
        var uploader = new FileUploader(h.Connection, TransferHarness.SessionOptions());
        var missing = Path.Combine(h.Temp.Path, "missing.bin");

        var notFound = await uploader.UploadAsync(new UploadRequest(missing, "/u1000/x.bin"));
        var directory = await uploader.UploadAsync(new UploadRequest(h.Temp.Path, "/u1000/x.bin"));
        var badPath = await uploader.UploadAsync(new UploadRequest(h.LocalFile("ok.bin", 1), "/u1000/a:b.bin"));

        Assert.Equal(("LocalFileNotFound", VaultErrorCategory.ObjectNotFound, missing), (notFound.Error!.ErrorId, notFound.Error.Category, notFound.Error.Target));
        Assert.Equal("LocalPathIsDirectory", directory.Error!.ErrorId);
        Assert.Equal("InvalidStagingPath", badPath.Error!.ErrorId);
        Assert.All(new[] { notFound, directory, badPath }, r => Assert.Equal(UploadStatus.Failed, r.Status));
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.CreateItem));
    }

    [Fact]
    public async Task A_file_too_large_for_the_limits_fails_before_any_session_with_the_local_path_as_target()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("big.bin", 20_000);
        var options = TransferHarness.SessionOptions();
        options.Limits = new PartLimits { MinPartSize = 1024, MaxPartSize = 4096, MaxParts = 4 };

        var result = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/big.bin"));

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("FileTooLarge", result.Error!.ErrorId);
        Assert.Equal(local, result.Error.Target);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.CreateSession));
    }

    [Fact]
    public async Task A_file_changed_during_the_upload_is_not_committed()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("f.bin", 4096 * 4);
        var progress = new ActionProgress(p =>
        {
            if (p.Stage == UploadStage.Uploading && p.PartsDone == 1)
            {
                File.SetLastWriteTimeUtc(local, DateTime.UtcNow.AddMinutes(-5));
            }
        });

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, "/u1000/f.bin"), progress);

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("LocalFileChanged", result.Error!.ErrorId);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.Commit));
    }

    [Fact]
    public async Task Cancellation_leaves_a_resumable_session_and_a_rerun_completes()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("f.bin", 4096 * 6);
        var request = new UploadRequest(local, "/u1000/cancel/f.bin");
        using var cts = new CancellationTokenSource();
        var progress = new ActionProgress(p =>
        {
            if (p.Stage == UploadStage.Uploading && p.PartsDone == 2)
            {
                cts.Cancel();
            }
        });

        var cancelled = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(request, progress, cts.Token);
        Assert.Equal(UploadStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.Error);
        Assert.Single(h.Server.State.ActiveSessions);

        var rerun = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(request);
        Assert.Equal(UploadStatus.Staged, rerun.Status);
        Assert.True(rerun.PartsSent <= 4, $"sent {rerun.PartsSent}");
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/cancel/f.bin"));
    }

    [Fact]
    public async Task Without_waiting_for_the_job_the_file_is_reported_committed()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("f.bin", 4096 * 2);
        var options = TransferHarness.SessionOptions();
        options.WaitForJob = false;

        var result = await new FileUploader(h.Connection, options).UploadAsync(new UploadRequest(local, "/u1000/nowait/f.bin"));

        Assert.Equal(UploadStatus.Committed, result.Status);
        Assert.NotNull(result.JobId);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.JobStatus));
    }

    [Fact]
    public async Task A_batch_stages_many_small_files_and_session_files_in_parallel()
    {
        await using var h = await TransferHarness.StartAsync();
        var batch = new UploadBatch(h.Connection, TransferHarness.SessionOptions(), maxParallelFiles: 4);
        var results = new System.Collections.Concurrent.ConcurrentBag<UploadResult>();
        var progressEvents = 0;
        batch.FileCompleted += (_, r) => results.Add(r);
        batch.Progress += (_, _) => Interlocked.Increment(ref progressEvents);
        var expected = new System.Collections.Generic.Dictionary<string, string>();
        for (var i = 0; i < 30; i++)
        {
            var local = h.LocalFile($"small/{i}.txt", 10 + i, seed: i);
            var target = $"/u1000/batch/{(i % 3 == 0 ? "a" : "b/c")}/{i}.txt";
            expected[target] = RandomFile.Md5Of(local);
            batch.Post(new UploadRequest(local, target));
        }

        for (var i = 0; i < 2; i++)
        {
            var local = h.LocalFile($"big/{i}.bin", (4096 * 5) + i, seed: 100 + i);
            expected[$"/u1000/batch/big/{i}.bin"] = RandomFile.Md5Of(local);
            batch.Post(new UploadRequest(local, $"/u1000/batch/big/{i}.bin"));
        }

        await batch.CompleteAsync();

        Assert.Equal(32, results.Count);
        Assert.All(results, r => Assert.True(r.Status == UploadStatus.Staged, $"{r.LocalPath}: {r.Status} {r.Error?.Message}"));
        Assert.All(expected, e => Assert.Equal(e.Value, h.StagedMd5(e.Key)));
        Assert.True(progressEvents > 0);
        // Each new folder (batch, a, b, c, big) is created exactly once, however many workers need it at once; a create
        // that finds its parent missing (the first below batch, the first below b) fails once before the parent is made.
        Assert.Equal(30 + 5, h.CountSucceeded(EmulatorEndpoint.CreateItem));
        Assert.InRange(h.CountRequests(EmulatorEndpoint.CreateItem), 30 + 5, 30 + 5 + 2);
    }

    [Fact]
    public async Task A_cancelled_batch_reports_every_file()
    {
        await using var h = await TransferHarness.StartAsync();
        using var cts = new CancellationTokenSource();
        var batch = new UploadBatch(h.Connection, TransferHarness.SessionOptions(), maxParallelFiles: 2, cts.Token);
        var results = new System.Collections.Concurrent.ConcurrentBag<UploadResult>();
        batch.FileCompleted += (_, r) => results.Add(r);
        cts.Cancel();
        for (var i = 0; i < 5; i++)
        {
            batch.Post(new UploadRequest(h.LocalFile($"{i}.txt", 10), $"/u1000/cb/{i}.txt"));
        }

        await batch.CompleteAsync();

        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(UploadStatus.Cancelled, r.Status));
    }

    [Fact]
    public async Task A_throwing_event_handler_does_not_stop_the_batch_and_is_rethrown_at_the_end()
    {
        await using var h = await TransferHarness.StartAsync();
        var batch = new UploadBatch(h.Connection, TransferHarness.SessionOptions(), maxParallelFiles: 2);
        var completed = 0;
        batch.FileCompleted += (_, _) =>
        {
            Interlocked.Increment(ref completed);
            throw new InvalidOperationException("handler bug");
        };
        batch.Post(new UploadRequest(h.LocalFile("a.txt", 10), "/u1000/h/a.txt"));
        batch.Post(new UploadRequest(h.LocalFile("b.txt", 10), "/u1000/h/b.txt"));

        var error = await Assert.ThrowsAsync<AggregateException>(() => batch.CompleteAsync());

        Assert.Equal(2, completed);
        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.NotNull(h.Server.State.GetItem("/u1000/h/b.txt"));
    }

    private sealed class ActionProgress : IProgress<UploadProgress>
    {
        private readonly Action<UploadProgress> action;

        public ActionProgress(Action<UploadProgress> action) => this.action = action;

        public void Report(UploadProgress value) => action(value);
    }
}
