using System;
using System.IO;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// A local file as it was when its upload started: validated (exists, is a file, can be opened for reading)
/// and remembered by size and last-write time so a change before commit is caught.
/// </summary>
internal sealed class LocalFileSnapshot
{
    private LocalFileSnapshot(string path, long length, DateTime lastWriteTimeUtc)
    {
        Path = path;
        Length = length;
        LastWriteTimeUtc = lastWriteTimeUtc;
    }

    public string Path { get; }

    public long Length { get; }

    public DateTime LastWriteTimeUtc { get; }

    /// <summary>Throws LocalFileNotFound, LocalPathIsDirectory or LocalFileUnreadable.</summary>
    public static LocalFileSnapshot Take(string localPath)
    {
        if (string.IsNullOrWhiteSpace(localPath))
        {
            throw TransferErrors.LocalFileNotFound(localPath ?? "");
        }

        if (Directory.Exists(localPath))
        {
            throw TransferErrors.LocalPathIsDirectory(localPath);
        }

        var info = new FileInfo(localPath);
        if (!info.Exists)
        {
            throw TransferErrors.LocalFileNotFound(localPath);
        }

        try
        {
            using (OpenRead(localPath))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TransferErrors.LocalFileUnreadable(localPath, e);
        }

        var (length, lastWrite) = Measure(localPath);
        return new LocalFileSnapshot(localPath, length, lastWrite);
    }

    /// <summary>Size and last-write time of the content: a link's target, not the link.</summary>
    private static (long Length, DateTime LastWriteTimeUtc) Measure(string path)
    {
        var info = FileLinks.FinalTarget(new FileInfo(path));
        info.Refresh();
        if (FileLinks.IsLink(info))
        {
            // Unresolvable here (.NET Framework): the size from an open handle, the link's own time.
            using var stream = OpenRead(path);
            return (stream.Length, info.LastWriteTimeUtc);
        }

        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, DateTime.MinValue);
    }

    /// <summary>Opens for reading while letting others read too (writers are kept out where the OS enforces it).</summary>
    public static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Throws LocalFileChanged when the file's size or last-write time moved since the snapshot.</summary>
    public void EnsureUnchanged()
    {
        if (!File.Exists(Path) || Measure(Path) != (Length, LastWriteTimeUtc))
        {
            throw TransferErrors.LocalFileChanged(Path);
        }
    }
}
