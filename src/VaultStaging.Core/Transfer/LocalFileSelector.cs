using System;
using System.Collections.Generic;
using System.IO;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Turns local paths into upload requests under a staging folder: a file goes to folder/name; a directory
/// (only with recurse) keeps its relative layout under folder/dirname/…. The staging folder is validated here; a
/// file whose own name Vault would refuse still gets a request, so it fails alone while the rest of the tree is staged.
/// </summary>
public static class LocalFileSelector
{
    /// <summary>As <see cref="Select(IEnumerable{string}, string, bool, bool)"/>, links to directories not followed.</summary>
    public static IReadOnlyList<UploadRequest> Select(IEnumerable<string> localPaths, string stagingFolder, bool recurse)
        => Select(localPaths, stagingFolder, recurse, followLinks: false).Requests;

    /// <summary>
    /// Throws <see cref="VaultStagingException"/> (LocalPathNotFound, DirectoryNeedsRecurse, InvalidStagingPath for the
    /// folder) for bad input. A file named twice is selected once. Links to files are selected (their target's content
    /// is staged); links to directories are followed only with <paramref name="followLinks"/>, and never into a loop.
    /// </summary>
    public static LocalSelection Select(IEnumerable<string> localPaths, string stagingFolder, bool recurse, bool followLinks)
        => Select(localPaths, stagingFolder, recurse, followLinks, PathFilter.None);

    /// <summary>As above, keeping only the files <paramref name="filter"/> takes (matched on the path below the folder given, or the name of a file given).</summary>
    public static LocalSelection Select(IEnumerable<string> localPaths, string stagingFolder, bool recurse, bool followLinks, PathFilter filter)
    {
        if (localPaths is null)
        {
            throw new ArgumentNullException(nameof(localPaths));
        }

        var folder = StagingPath.Normalize(stagingFolder);
        var selection = new LocalSelection();
        foreach (var localPath in localPaths)
        {
            if (File.Exists(localPath))
            {
                if (filter.Takes(Path.GetFileName(TrimSeparators(localPath))))
                {
                    selection.Add(new UploadRequest(localPath, MapToStaging(localPath, folder, null)));
                }
                else
                {
                    selection.Excluded.Add(localPath);
                }
            }
            else if (Directory.Exists(localPath))
            {
                if (!recurse)
                {
                    throw TransferErrors.DirectoryNeedsRecurse(localPath);
                }

                AddDirectory(localPath, folder, followLinks, filter, selection);
            }
            else
            {
                throw TransferErrors.LocalPathNotFound(localPath ?? "");
            }
        }

        return selection;
    }

    /// <summary>
    /// The staging path of one file: folder + its path relative to <paramref name="basePath"/> (or just its name).
    /// The folder is validated; the file's own part is not (FileUploader refuses it for that file alone).
    /// </summary>
    public static string MapToStaging(string localFile, string stagingFolder, string? basePath)
    {
        var folder = StagingPath.Normalize(stagingFolder);
        if (string.IsNullOrEmpty(basePath))
        {
            return Join(folder, Path.GetFileName(TrimSeparators(localFile)));
        }

        var relative = RelativePath(Path.GetFullPath(basePath), Path.GetFullPath(localFile))
            ?? throw TransferErrors.LocalPathOutsideBase(localFile, basePath!);
        return Join(folder, relative);
    }

    /// <summary>
    /// The bytes a file's upload will send, for progress totals and plan checks: a link's target size, not the
    /// link's own; 0 when the file is gone (its upload then fails on its own).
    /// </summary>
    public static long ContentLength(string localPath)
    {
        var info = FileLinks.FinalTarget(new FileInfo(localPath));
        return info.Exists ? info.Length : 0;
    }

    private static string Join(string folder, string relative)
    {
        var path = relative.Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/').TrimStart('/');
        return folder == StagingPath.Root ? "/" + path : folder + "/" + path;
    }

    /// <summary>Every file below <paramref name="directory"/>, sorted, under folder/dirname/….</summary>
    private static void AddDirectory(string directory, string folder, bool followLinks, PathFilter filter, LocalSelection selection)
    {
        var root = Path.GetFullPath(directory);
        var layoutRoot = Path.GetDirectoryName(TrimSeparators(root));
        var files = new List<string>();
        var visited = new HashSet<string>(PathComparer) { RealPath(new DirectoryInfo(root)) };
        CollectFiles(new DirectoryInfo(root), followLinks, visited, files, selection);
        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!filter.Takes(RelativePath(root, file)!))
            {
                selection.Excluded.Add(file);
                continue;
            }

            var relative = layoutRoot is null ? RelativePath(root, file) : RelativePath(layoutRoot, file);
            selection.Add(new UploadRequest(file, Join(folder, relative!)));
        }
    }

    private static void CollectFiles(DirectoryInfo directory, bool followLinks, HashSet<string> visited, List<string> files, LocalSelection selection)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is not DirectoryInfo child)
            {
                files.Add(entry.FullName);
            }
            else if (!FileLinks.IsLink(child))
            {
                if (visited.Add(RealPath(child)))
                {
                    CollectFiles(child, followLinks, visited, files, selection);
                }
            }
            else if (!followLinks)
            {
                selection.SkippedDirectoryLinks.Add(child.FullName);
            }
            else if (visited.Add(RealPath(child)))
            {
                CollectFiles(child, followLinks, visited, files, selection);
            }
            else
            {
                selection.LinkLoops.Add(child.FullName);
            }
        }
    }

    /// <summary>The directory with every link on its way resolved, so a loop is seen however it is reached.</summary>
    private static string RealPath(DirectoryInfo directory)
    {
        var target = FileLinks.FinalTarget(directory);
        if (!ReferenceEquals(target, directory))
        {
            return RealPath(new DirectoryInfo(target.FullName));
        }

        var parent = directory.Parent;
        return parent is null ? TrimSeparators(directory.FullName) : Path.Combine(RealPath(parent), directory.Name);
    }

    private static StringComparer PathComparer => Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

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
