using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Core.Download;

/// <summary>What a download would do with one file, decided from the local disk only (no request).</summary>
public enum DownloadDecision
{
    /// <summary>Nothing is at the local path: download.</summary>
    Download,

    /// <summary>A local file is there and will be replaced (overwrite, or update with a newer staged file).</summary>
    Replace,

    /// <summary>A local file is there and stays (skip-existing, or update with a local file that is up to date).</summary>
    Skip,

    /// <summary>A local file is there and nothing allows replacing it: the file fails with LocalFileExists.</summary>
    Refuse,
}

/// <summary>
/// Downloads one staged file in ranges of at most 50 MB into "name.vaultstaging-partial" beside the target, and
/// renames it to the final name only once its size (and MD5 where Vault gave one) matches the listing, so a half
/// file never carries the final name. A partial file left by an interrupted run is resumed after its last bytes
/// are fetched again and compared. Memory stays flat: every range is streamed to disk.
/// </summary>
public sealed class FileDownloader
{
    /// <summary>Modified times closer than this are equal (file systems keep from 100 ns to 2 s).</summary>
    private static readonly TimeSpan ModifyWindow = TimeSpan.FromSeconds(2);

    private readonly FileStagingClient staging;
    private readonly IVaultLog log;
    private readonly TimeProvider time;
    private readonly DownloadOptions options;

    public FileDownloader(VaultConnection connection, DownloadOptions options)
    {
        if (connection is null)
        {
            throw new ArgumentNullException(nameof(connection));
        }

        this.options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        staging = connection.Staging;
        log = connection.Log;
        time = connection.Time;
    }

    /// <summary>Bytes of a partial file an earlier run left for this target (0 when none).</summary>
    public static long PartialBytes(DownloadRequest request)
    {
        var partial = new FileInfo(request.PartialPath);
        return partial.Exists ? partial.Length : 0;
    }

    public static DownloadDecision Decide(DownloadRequest request, ExistingLocalFileAction ifExists)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var local = new FileInfo(request.LocalPath);
        if (!local.Exists)
        {
            return DownloadDecision.Download;
        }

        switch (ifExists)
        {
            case ExistingLocalFileAction.Overwrite:
                return DownloadDecision.Replace;
            case ExistingLocalFileAction.Skip:
                return DownloadDecision.Skip;
            case ExistingLocalFileAction.Update:
                return IsUpToDate(local, request.Item) ? DownloadDecision.Skip : DownloadDecision.Replace;
            default:
                return DownloadDecision.Refuse;
        }
    }

    /// <summary>Never throws for the file's own failures: they come back as a Failed result; Ctrl+C as Cancelled.</summary>
    public async Task<DownloadResult> DownloadAsync(DownloadRequest request, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var started = time.GetTimestamp();
        var size = request.Item.Size ?? 0;
        var ranges = 0;
        long resumed = 0;
        DownloadResult Result(DownloadStatus status, VaultStagingException? error = null) => new()
        {
            StagingPath = request.StagingPath,
            LocalPath = request.LocalPath,
            Size = size,
            Status = status,
            BytesResumed = resumed,
            Ranges = ranges,
            Error = error,
            Elapsed = time.GetElapsedTime(started),
        };

        try
        {
            switch (Decide(request, options.IfExists))
            {
                case DownloadDecision.Skip:
                    return Result(DownloadStatus.Skipped);
                case DownloadDecision.Refuse:
                    return Result(DownloadStatus.Failed, DownloadErrors.LocalFileExists(request.LocalPath));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(request.LocalPath)!);
            bool complete;
            using (var file = new FileStream(request.PartialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                resumed = await ResumePointAsync(request, file, size, () => ranges++, cancellationToken).ConfigureAwait(false);
                var position = resumed;
                Report(progress, request, size, position);
                while (position < size)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var last = Math.Min(position + options.RangeSize, size) - 1;
                    file.Position = position;
                    var start = position;
                    ranges++;
                    var got = await staging.DownloadRangeAsync(request.StagingPath, position, last, file, written => Report(progress, request, size, start + written), cancellationToken).ConfigureAwait(false);
                    if (got.TotalSize >= 0 && got.TotalSize != size)
                    {
                        throw DownloadErrors.SizeMismatch(request.StagingPath, size, got.TotalSize);
                    }

                    if (got.Bytes == 0)
                    {
                        throw DownloadErrors.SizeMismatch(request.StagingPath, size, position);
                    }

                    position += got.Bytes;
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                complete = file.Length == size;
                if (!complete)
                {
                    throw DownloadErrors.SizeMismatch(request.StagingPath, size, file.Length);
                }
            }

            if (request.Item.ContentMd5 is { Length: > 0 } expectedMd5)
            {
                var actual = Md5Of(request.PartialPath);
                if (!string.Equals(actual, expectedMd5, StringComparison.OrdinalIgnoreCase))
                {
                    throw DownloadErrors.Md5Mismatch(request.StagingPath, expectedMd5, actual);
                }
            }

            Publish(request);
            return Result(DownloadStatus.Downloaded);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Result(DownloadStatus.Cancelled);
        }
        catch (VaultStagingException error) when (error.ErrorId is VaultErrorIds.DownloadSizeMismatch or VaultErrorIds.DownloadMd5Mismatch)
        {
            DeleteQuietly(request.PartialPath);
            return Result(DownloadStatus.Failed, error);
        }
        catch (VaultStagingException error)
        {
            return Result(DownloadStatus.Failed, error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Result(DownloadStatus.Failed, DownloadErrors.LocalWriteFailed(request.LocalPath, error));
        }
    }

    /// <summary>
    /// Where to continue: 0 for a new or unusable partial file (truncated), else its length once its last bytes
    /// (up to <see cref="DownloadOptions.ResumeCheckSize"/>) match the server's bytes at the same offset.
    /// </summary>
    private async Task<long> ResumePointAsync(DownloadRequest request, FileStream file, long size, Action countRange, CancellationToken cancellationToken)
    {
        var held = file.Length;
        if (held == 0)
        {
            return 0;
        }

        if (held > size || size == 0)
        {
            log.Verbose($"{request.StagingPath}: the partial file has {held} bytes, more than the {size} staged; starting over.");
            file.SetLength(0);
            return 0;
        }

        var check = Math.Min(held, options.ResumeCheckSize);
        var first = held - check;
        using var remote = new MemoryStream((int)check);
        countRange();
        var got = await staging.DownloadRangeAsync(request.StagingPath, first, held - 1, remote, null, cancellationToken).ConfigureAwait(false);
        if (got.TotalSize >= 0 && got.TotalSize != size)
        {
            throw DownloadErrors.SizeMismatch(request.StagingPath, size, got.TotalSize);
        }

        var local = new byte[check];
        file.Position = first;
        var read = 0;
        while (read < local.Length)
        {
            var n = await file.ReadAsync(local, read, local.Length - read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read == check && remote.Length == check && BytesEqual(local, remote.GetBuffer(), (int)check))
        {
            log.Verbose($"{request.StagingPath}: resuming after {held} bytes already on disk (the last {check} checked against the server).");
            return held;
        }

        log.Warning($"{request.StagingPath}: the partial file from an earlier run does not match the staged file; downloading it from the start.");
        file.SetLength(0);
        return 0;
    }

    /// <summary>Gives the complete, checked file its final name (replacing a local file where that was decided) and the staged modified date.</summary>
    private void Publish(DownloadRequest request)
    {
        if (File.Exists(request.LocalPath))
        {
            if (options.IfExists is not (ExistingLocalFileAction.Overwrite or ExistingLocalFileAction.Update))
            {
                // Created by someone else while downloading: theirs stays, ours stays as the partial file.
                throw DownloadErrors.LocalFileExists(request.LocalPath);
            }

            File.Delete(request.LocalPath);
        }

        File.Move(request.PartialPath, request.LocalPath);
        if (options.PreserveModifiedDate && request.Item.ModifiedDate is { } modified)
        {
            File.SetLastWriteTimeUtc(request.LocalPath, modified.UtcDateTime);
        }
    }

    private static bool IsUpToDate(FileInfo local, StagingItem item)
    {
        if (item.ModifiedDate is not { } modified)
        {
            return local.Length == item.Size;
        }

        var difference = modified.UtcDateTime - local.LastWriteTimeUtc;
        if (difference > ModifyWindow)
        {
            return false;
        }

        return difference < -ModifyWindow || local.Length == item.Size;
    }

    private static void Report(IProgress<DownloadProgress>? progress, DownloadRequest request, long total, long done)
        => progress?.Report(new DownloadProgress { StagingPath = request.StagingPath, LocalPath = request.LocalPath, BytesTotal = total, BytesDone = done });

    private static bool BytesEqual(byte[] a, byte[] b, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Md5Of(string path)
    {
        using var md5 = Md5.Create();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        return FileStagingClient.Hex(md5.ComputeHash(stream));
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next run checks it before resuming.
        }
    }
}
