using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// The progress of a whole upload or download call, as both front ends show it: files and bytes done, and a rate and
/// time left that count only the bytes moved by this run, not those a resumed file already had at its destination
/// (parts the server holds, the partial file on disk). Thread-safe; the time comes from the given elapsed source.
/// </summary>
public sealed class TransferProgressTracker
{
    /// <summary>Before this much time a rate is noise (the first part is still in flight).</summary>
    private static readonly TimeSpan MinElapsedForRate = TimeSpan.FromSeconds(0.5);

    /// <summary>Beyond 100 hours an estimate means nothing (and a stalled rate would overflow TimeSpan).</summary>
    private static readonly TimeSpan MaxRemaining = TimeSpan.FromHours(100);

    private readonly object gate = new();
    private readonly Func<TimeSpan> elapsed;
    private readonly Dictionary<string, FileBytes> active = new(StringComparer.Ordinal);
    private int filesTotal;
    private int filesDone;
    private long bytesTotal;
    private long bytesOfEndedFiles;
    private long bytesMovedThisRun;

    /// <summary>A tracker whose clock starts now.</summary>
    public TransferProgressTracker()
        : this(Stopwatch.StartNew())
    {
    }

    /// <param name="elapsed">Time since the call started; tests pass their own clock.</param>
    public TransferProgressTracker(Func<TimeSpan> elapsed)
    {
        this.elapsed = elapsed ?? throw new ArgumentNullException(nameof(elapsed));
    }

    private TransferProgressTracker(Stopwatch stopwatch)
        : this(() => stopwatch.Elapsed)
    {
    }

    /// <summary>Counts a file of <paramref name="size"/> bytes into the totals.</summary>
    public void AddFile(long size) => AddFiles(1, size);

    /// <summary>Counts <paramref name="count"/> files of <paramref name="bytes"/> bytes in all into the totals.</summary>
    public void AddFiles(int count, long bytes)
    {
        lock (gate)
        {
            filesTotal += count;
            bytesTotal += bytes;
        }
    }

    /// <summary>
    /// An upload's report. The server's verified bytes are known at the first report in the Uploading stage (the
    /// session sends nothing before it); growth after that, or any growth of a file sent in one request, is this run's.
    /// </summary>
    public void Observe(UploadProgress progress)
        => Observe(progress.LocalPath, progress.BytesDone, givesHeldBytes: progress.Stage == UploadStage.Uploading);

    /// <summary>
    /// A file's bytes done so far. The first report that <paramref name="givesHeldBytes"/> says what its destination
    /// already held (a download's first report gives the partial file on disk); growth after that is this run's.
    /// </summary>
    public void Observe(string localPath, long bytesDone, bool givesHeldBytes)
    {
        lock (gate)
        {
            var file = FileFor(localPath);
            if (!file.HeldKnown && givesHeldBytes)
            {
                file.HeldKnown = true;
                file.Done = Math.Max(file.Done, bytesDone);
                return;
            }

            Advance(file, bytesDone);
        }
    }

    /// <summary>
    /// A file is finished, whatever its outcome: its <paramref name="size"/> counts as done (skipped and failed files
    /// will not be sent either), while only the bytes it was seen moving count towards the rate.
    /// </summary>
    public void FileEnded(string localPath, long size)
    {
        lock (gate)
        {
            active.Remove(localPath);
            filesDone++;
            bytesOfEndedFiles += size;
        }
    }

    public TransferProgressSnapshot Snapshot()
    {
        lock (gate)
        {
            var done = bytesOfEndedFiles;
            foreach (var file in active.Values)
            {
                done += file.Done;
            }

            done = Math.Min(done, bytesTotal);
            var now = elapsed();
            var rate = now >= MinElapsedForRate ? bytesMovedThisRun / now.TotalSeconds : 0;
            TimeSpan? remaining = null;
            if (rate > 0)
            {
                var seconds = (bytesTotal - done) / rate;
                remaining = seconds < MaxRemaining.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
            }

            return new TransferProgressSnapshot(filesDone, filesTotal, done, bytesTotal, bytesMovedThisRun, now, rate, remaining);
        }
    }

    private FileBytes FileFor(string localPath)
    {
        if (!active.TryGetValue(localPath, out var file))
        {
            file = new FileBytes();
            active.Add(localPath, file);
        }

        return file;
    }

    private void Advance(FileBytes file, long bytesDone)
    {
        if (bytesDone > file.Done)
        {
            bytesMovedThisRun += bytesDone - file.Done;
            file.Done = bytesDone;
        }
    }

    private sealed class FileBytes
    {
        public long Done { get; set; }

        /// <summary>Whether the bytes the destination already had before this run are known (and in <see cref="Done"/>).</summary>
        public bool HeldKnown { get; set; }
    }
}

/// <summary>The call's progress at one moment.</summary>
public sealed class TransferProgressSnapshot
{
    public TransferProgressSnapshot(int filesDone, int filesTotal, long bytesDone, long bytesTotal, long bytesMovedThisRun, TimeSpan elapsed, double bytesPerSecond, TimeSpan? remaining)
    {
        FilesDone = filesDone;
        FilesTotal = filesTotal;
        BytesDone = bytesDone;
        BytesTotal = bytesTotal;
        BytesMovedThisRun = bytesMovedThisRun;
        Elapsed = elapsed;
        BytesPerSecond = bytesPerSecond;
        Remaining = remaining;
    }

    public int FilesDone { get; }

    public int FilesTotal { get; }

    /// <summary>Bytes done of every file: ended files in full, and what active ones hold at their destination (kept from an earlier run included).</summary>
    public long BytesDone { get; }

    public long BytesTotal { get; }

    /// <summary>Bytes this run moved; not those a resumed file already had.</summary>
    public long BytesMovedThisRun { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>This run's rate; 0 in the first half second.</summary>
    public double BytesPerSecond { get; }

    /// <summary>Time left at this run's rate; null while there is no rate or beyond 100 hours.</summary>
    public TimeSpan? Remaining { get; }

    /// <summary>0–100, by bytes; 100 when there is nothing to move.</summary>
    public int PercentComplete => BytesTotal <= 0 ? 100 : (int)Math.Min(100, BytesDone * 100 / BytesTotal);
}
