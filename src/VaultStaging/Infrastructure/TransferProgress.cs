using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using VaultStaging.Core.Download;
using VaultStaging.Core.Http;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module;

/// <summary>
/// Turns engine progress into Write-Progress records: one parent for the whole call (files, bytes, rate, ETA, as the
/// engine's <see cref="TransferProgressTracker"/> counts them), one child per active file, updates throttled, and a Completed record for every activity that was shown.
/// Records are always made (the throttle keeps them cheap); whether they are shown is $ProgressPreference's,
/// -ProgressAction's and the host's business. Pipeline thread only.
/// </summary>
internal sealed class TransferProgress
{
    /// <summary>
    /// The call's activity id: far above the small ids scripts give their own Write-Progress (-Id 1, 2, ...), so
    /// neither replaces the other's bar. Files take the ids after it.
    /// </summary>
    public const int ParentId = 0x5653_0000;
    private static readonly TimeSpan Never = TimeSpan.FromDays(-1);
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _activity;
    private readonly int _callerActivityId;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TransferProgressTracker _tracker;
    private readonly Dictionary<string, FileState> _files = new(StringComparer.Ordinal);
    private int _nextChildId = ParentId + 1;
    private TimeSpan _parentWrittenAt = Never;
    private bool _parentShown;

    /// <param name="activity">The parent record's activity text.</param>
    /// <param name="callerActivityId">-ProgressParentId: the caller's own activity the call's bar nests under; -1 for none.</param>
    public TransferProgress(string activity, int callerActivityId = -1)
    {
        _activity = activity;
        _callerActivityId = callerActivityId;
        _tracker = new TransferProgressTracker(() => _clock.Elapsed);
    }

    public void AddFile(long size) => _tracker.AddFile(size);

    public IEnumerable<ProgressRecord> Update(UploadProgress progress)
    {
        _tracker.Observe(progress);
        return Records(progress);
    }

    /// <summary>A download's progress: the same records, the file's status reading "Downloading".</summary>
    public IEnumerable<ProgressRecord> Update(DownloadProgress progress)
    {
        _tracker.Observe(progress);
        return AsDownloading(Records(new UploadProgress
        {
            LocalPath = progress.LocalPath,
            StagingPath = progress.StagingPath,
            Stage = UploadStage.Uploading,
            BytesTotal = progress.BytesTotal,
            BytesDone = progress.BytesDone,
        }));
    }

    public IEnumerable<ProgressRecord> FileEnded(string localPath, long size)
    {
        _tracker.FileEnded(localPath, size);
        return FileEndedRecords(localPath);
    }

    public IEnumerable<ProgressRecord> Complete()
    {
        foreach (var file in _files)
        {
            if (file.Value.Shown)
            {
                yield return Completed(file.Value.Id, ParentId, file.Key);
            }
        }

        _files.Clear();
        if (_parentShown)
        {
            yield return Completed(ParentId, _callerActivityId, _activity);
            _parentShown = false;
        }
    }

    private IEnumerable<ProgressRecord> Records(UploadProgress progress)
    {
        if (!_files.TryGetValue(progress.LocalPath, out var file))
        {
            file = new FileState(_nextChildId++);
            _files.Add(progress.LocalPath, file);
        }

        var now = _clock.Elapsed;
        if (progress.Stage != file.Stage || now - file.WrittenAt >= MinInterval)
        {
            file.Stage = progress.Stage;
            file.WrittenAt = now;
            file.Shown = true;
            yield return ChildRecord(file.Id, progress);
        }

        if (now - _parentWrittenAt >= MinInterval)
        {
            yield return ParentRecord(now);
        }
    }

    private static IEnumerable<ProgressRecord> AsDownloading(IEnumerable<ProgressRecord> records)
    {
        foreach (var record in records)
        {
            if (record.ActivityId != ParentId && record.StatusDescription.StartsWith(nameof(UploadStage.Uploading), StringComparison.Ordinal))
            {
                record.StatusDescription = "Downloading" + record.StatusDescription.Substring(nameof(UploadStage.Uploading).Length);
            }

            yield return record;
        }
    }

    private IEnumerable<ProgressRecord> FileEndedRecords(string localPath)
    {
        if (_files.TryGetValue(localPath, out var file))
        {
            _files.Remove(localPath);
            if (file.Shown)
            {
                yield return Completed(file.Id, ParentId, localPath);
            }
        }

        yield return ParentRecord(_clock.Elapsed);
    }

    private static ProgressRecord ChildRecord(int id, UploadProgress progress)
    {
        var status = progress.PartsTotal > 0
            ? $"{progress.Stage}: part {progress.PartsDone} of {progress.PartsTotal}, {Bytes(progress.BytesDone)} of {Bytes(progress.BytesTotal)}"
            : $"{progress.Stage}: {Bytes(progress.BytesDone)} of {Bytes(progress.BytesTotal)}";
        return new ProgressRecord(id, System.IO.Path.GetFileName(progress.LocalPath), status)
        {
            ParentActivityId = ParentId,
            CurrentOperation = progress.StagingPath,
            PercentComplete = Percent(progress.BytesDone, progress.BytesTotal),
        };
    }

    private ProgressRecord ParentRecord(TimeSpan now)
    {
        _parentWrittenAt = now;
        _parentShown = true;
        var progress = _tracker.Snapshot();
        var status = $"{progress.FilesDone} of {progress.FilesTotal} files, {Bytes(progress.BytesDone)} of {Bytes(progress.BytesTotal)}, {ByteSize.FormatRate(progress.BytesPerSecond)}";
        var record = new ProgressRecord(ParentId, _activity, status)
        {
            ParentActivityId = _callerActivityId,
            PercentComplete = progress.PercentComplete,
        };
        if (progress.Remaining is { } remaining)
        {
            record.SecondsRemaining = (int)remaining.TotalSeconds;
        }

        return record;
    }

    private static ProgressRecord Completed(int id, int parentId, string activity) => new(id, activity, "Done")
    {
        ParentActivityId = parentId,
        RecordType = ProgressRecordType.Completed,
    };

    private static int Percent(long done, long total) => total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);

    /// <summary>Binary units that say so (MiB), as the CLI prints them.</summary>
    internal static string Bytes(long bytes) => ByteSize.Format(bytes);

    private sealed class FileState
    {
        public FileState(int id)
        {
            Id = id;
        }

        public int Id { get; }

        public UploadStage? Stage { get; set; }

        public TimeSpan WrittenAt { get; set; } = Never;

        public bool Shown { get; set; }
    }
}
