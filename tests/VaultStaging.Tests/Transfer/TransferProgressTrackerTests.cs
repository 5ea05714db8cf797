using System;
using VaultStaging.Core.Download;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public class TransferProgressTrackerTests
{
    private const long MiB = 1024 * 1024;

    private TimeSpan now;

    [Fact]
    public void RateAndTimeLeftCountOnlyTheBytesThisRunSent()
    {
        var tracker = NewTracker();
        tracker.AddFile(100 * MiB);

        // A resumed upload: the server holds 60 MiB; this run sends 20 MiB in 2 s.
        tracker.Observe(Upload("big.bin", UploadStage.Preparing, 0));
        tracker.Observe(Upload("big.bin", UploadStage.Resuming, 0));
        tracker.Observe(Upload("big.bin", UploadStage.Uploading, 60 * MiB));
        now = TimeSpan.FromSeconds(2);
        tracker.Observe(Upload("big.bin", UploadStage.Uploading, 80 * MiB));

        var progress = tracker.Snapshot();
        Assert.Equal(80 * MiB, progress.BytesDone);
        Assert.Equal(20 * MiB, progress.BytesMovedThisRun);
        Assert.Equal(10.0 * MiB, progress.BytesPerSecond, 3);
        Assert.Equal(TimeSpan.FromSeconds(2), progress.Remaining);
        Assert.Equal(80, progress.PercentComplete);
    }

    [Fact]
    public void AFileSentInOneRequestCountsAsSent()
    {
        var tracker = NewTracker();
        tracker.AddFile(4 * MiB);

        tracker.Observe(Upload("small.txt", UploadStage.Preparing, 0));
        tracker.Observe(Upload("small.txt", UploadStage.Done, 4 * MiB));
        tracker.FileEnded("small.txt", 4 * MiB);
        now = TimeSpan.FromSeconds(1);

        var progress = tracker.Snapshot();
        Assert.Equal((1, 1), (progress.FilesDone, progress.FilesTotal));
        Assert.Equal(4 * MiB, progress.BytesMovedThisRun);
        Assert.Equal(4.0 * MiB, progress.BytesPerSecond, 3);
    }

    [Fact]
    public void SkippedFilesAreDoneButNotSent()
    {
        var tracker = NewTracker();
        tracker.AddFiles(2, 30 * MiB);

        tracker.Observe(Upload("same.bin", UploadStage.Preparing, 0));
        tracker.FileEnded("same.bin", 20 * MiB);
        now = TimeSpan.FromSeconds(10);

        var progress = tracker.Snapshot();
        Assert.Equal(20 * MiB, progress.BytesDone);
        Assert.Equal(0, progress.BytesMovedThisRun);
        Assert.Equal(0, progress.BytesPerSecond);
        Assert.Null(progress.Remaining);
    }

    [Fact]
    public void AResumedDownloadCountsOnlyWhatItFetches()
    {
        var tracker = NewTracker();
        tracker.AddFile(10 * MiB);

        tracker.Observe(Download("a.csv", 6 * MiB));
        now = TimeSpan.FromSeconds(1);
        tracker.Observe(Download("a.csv", 8 * MiB));

        var progress = tracker.Snapshot();
        Assert.Equal(8 * MiB, progress.BytesDone);
        Assert.Equal(2 * MiB, progress.BytesMovedThisRun);
        Assert.Equal(TimeSpan.FromSeconds(1), progress.Remaining);
    }

    [Fact]
    public void NoRateInTheFirstHalfSecondAndNoEstimateBeyondAHundredHours()
    {
        var tracker = NewTracker();
        tracker.AddFile(1L << 50);
        tracker.Observe(Upload("huge.bin", UploadStage.Uploading, 0));
        now = TimeSpan.FromSeconds(0.4);
        tracker.Observe(Upload("huge.bin", UploadStage.Uploading, MiB));
        Assert.Equal(0, tracker.Snapshot().BytesPerSecond);

        now = TimeSpan.FromSeconds(1);
        var progress = tracker.Snapshot();
        Assert.True(progress.BytesPerSecond > 0);
        Assert.Null(progress.Remaining);
    }

    [Fact]
    public void ReportsThatGoBackDoNotCountTwice()
    {
        var tracker = NewTracker();
        tracker.AddFile(10 * MiB);
        tracker.Observe(Upload("x", UploadStage.Uploading, 0));
        tracker.Observe(Upload("x", UploadStage.Uploading, 5 * MiB));
        tracker.Observe(Upload("x", UploadStage.Uploading, 3 * MiB));
        tracker.Observe(Upload("x", UploadStage.Uploading, 5 * MiB));

        Assert.Equal(5 * MiB, tracker.Snapshot().BytesMovedThisRun);
    }

    private TransferProgressTracker NewTracker() => new(() => now);

    private static UploadProgress Upload(string path, UploadStage stage, long bytesDone) => new()
    {
        LocalPath = path,
        StagingPath = "/in/" + path,
        Stage = stage,
        BytesDone = bytesDone,
    };

    private static DownloadProgress Download(string path, long bytesDone) => new()
    {
        LocalPath = path,
        StagingPath = "/out/" + path,
        BytesTotal = 10 * MiB,
        BytesDone = bytesDone,
    };
}
