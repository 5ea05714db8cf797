using System;
using System.Collections.Generic;
using System.IO;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Turns local paths into upload requests under a staging folder: a file goes to folder/name; a directory
/// (only with recurse) keeps its relative layout under folder/dirname/…. Staging paths are validated here.
/// </summary>
public static class LocalFileSelector
{
    /// <summary>Throws <see cref="VaultStagingException"/> (LocalPathNotFound, DirectoryNeedsRecurse, InvalidStagingPath) for bad input.</summary>
    public static IReadOnlyList<UploadRequest> Select(IEnumerable<string> localPaths, string stagingFolder, bool recurse)
    {
        if (localPaths is null)
        {
            throw new ArgumentNullException(nameof(localPaths));
        }

        var folder = StagingPath.Normalize(stagingFolder);
        var requests = new List<UploadRequest>();
        foreach (var localPath in localPaths)
        {
            if (File.Exists(localPath))
            {
                requests.Add(new UploadRequest(localPath, MapToStaging(localPath, folder, null)));
            }
            else if (Directory.Exists(localPath))
            {
                if (!recurse)
                {
                    throw TransferErrors.DirectoryNeedsRecurse(localPath);
                }

                AddDirectory(localPath, folder, requests);
            }
            else
            {
                throw TransferErrors.LocalPathNotFound(localPath ?? "");
            }
        }

        return requests;
    }

    /// <summary>The staging path of one file: folder + its path relative to <paramref name="basePath"/> (or just its name).</summary>
    public static string MapToStaging(string localFile, string stagingFolder, string? basePath)
    {
        if (string.IsNullOrEmpty(basePath))
        {
            return StagingPath.Combine(stagingFolder, Path.GetFileName(TrimSeparators(localFile)));
        }

        var relative = RelativePath(Path.GetFullPath(basePath), Path.GetFullPath(localFile))
            ?? throw TransferErrors.LocalPathOutsideBase(localFile, basePath!);
        return StagingPath.Combine(stagingFolder, relative);
    }

    /// <summary>Every file below <paramref name="directory"/> (not following directory links, which could loop), sorted.</summary>
    private static void AddDirectory(string directory, string folder, List<UploadRequest> requests)
    {
        var root = Path.GetFullPath(directory);
        var layoutRoot = Path.GetDirectoryName(TrimSeparators(root));
        var files = new List<string>();
        CollectFiles(new DirectoryInfo(root), files);
        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = layoutRoot is null ? RelativePath(root, file) : RelativePath(layoutRoot, file);
            requests.Add(new UploadRequest(file, StagingPath.Combine(folder, relative!)));
        }
    }

    private static void CollectFiles(DirectoryInfo directory, List<string> files)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo child)
            {
                if ((child.Attributes & FileAttributes.ReparsePoint) == 0)
                {
                    CollectFiles(child, files);
                }
            }
            else
            {
                files.Add(entry.FullName);
            }
        }
    }

    /// <summary><paramref name="path"/> relative to <paramref name="basePath"/>, or null when it is not below it.</summary>
    private static string? RelativePath(string basePath, string path)
    {
        var prefix = TrimSeparators(basePath) + Path.DirectorySeparatorChar;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(prefix, comparison) && path.Length > prefix.Length ? path.Substring(prefix.Length) : null;
    }

    private static string TrimSeparators(string path)
    {
        var trimmed = path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return trimmed.Length == 0 ? path : trimmed;
    }
}
