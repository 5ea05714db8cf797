using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VaultStaging.Emulator.Api;

namespace VaultStaging.Emulator.Staging;

/// <summary>
/// The staging file system: an in-memory tree (the source of truth for listings) mirrored under
/// <c>{DataDirectory}/staging</c>. In discard mode file content is never written; only metadata is kept.
/// All members lock the shared emulator gate.
/// </summary>
internal sealed class StagingStore
{
    private readonly object _gate;
    private readonly StagedItem _root;
    private readonly string _diskRoot;
    private readonly bool _discardContent;
    private readonly TimeProvider _clock;

    public StagingStore(object gate, string diskRoot, bool discardContent, TimeProvider clock)
    {
        _gate = gate;
        _diskRoot = diskRoot;
        _discardContent = discardContent;
        _clock = clock;
        _root = StagedItem.Folder(string.Empty, clock.GetUtcNow());
        Directory.CreateDirectory(diskRoot);
        LoadFromDisk(_root, diskRoot);
    }

    public bool DiscardContent => _discardContent;

    public string LocalPath(StagingPath path) =>
        path.IsRoot ? _diskRoot : Path.Combine(_diskRoot, Path.Combine(path.Segments.ToArray()));

    public StagedItem? Find(StagingPath path)
    {
        lock (_gate)
        {
            var current = _root;
            foreach (var segment in path.Segments)
            {
                if (current.Children is null || !current.Children.TryGetValue(segment, out var child))
                {
                    return null;
                }

                current = child;
            }

            return current;
        }
    }

    public StagedItem Require(StagingPath path, string viewPath)
    {
        return Find(path) ?? throw new VaultApiException(ErrorTypes.InvalidData, $"Item [{viewPath}] does not exist.");
    }

    /// <summary>The path of an item as stored (original casing).</summary>
    public StagingPath PathOf(StagedItem item)
    {
        lock (_gate)
        {
            var names = new List<string>();
            for (var current = item; current.Parent is not null; current = current.Parent)
            {
                names.Add(current.Name);
            }

            names.Reverse();
            return new StagingPath(names);
        }
    }

    /// <summary>Folders that must always exist (user homes and their Inbox).</summary>
    public void EnsureFolder(StagingPath path)
    {
        lock (_gate)
        {
            var current = StagingPath.Root;
            foreach (var segment in path.Segments)
            {
                current = current.Append(segment);
                if (Find(current) is null)
                {
                    CreateFolder(current);
                }
            }
        }
    }

    public StagedItem CreateFolder(StagingPath path)
    {
        lock (_gate)
        {
            var parent = RequireParentFolder(path);
            if (parent.Children!.ContainsKey(path.Name))
            {
                throw new VaultApiException(ErrorTypes.ItemNameExists, $"An item named [{path.Name}] already exists at this location.");
            }

            var folder = StagedItem.Folder(path.Name, _clock.GetUtcNow());
            Attach(parent, folder);
            Directory.CreateDirectory(LocalPath(PathOf(folder)));
            return folder;
        }
    }

    /// <summary>Throws unless a file may be written at <paramref name="path"/>.</summary>
    public void CheckFileTarget(StagingPath path, bool overwrite)
    {
        lock (_gate)
        {
            // UNCONFIRMED: strict reading, the parent folder must already exist (no implicit mkdir -p).
            var parent = RequireParentFolder(path);
            if (parent.Children!.TryGetValue(path.Name, out var existing))
            {
                if (existing.IsFolder)
                {
                    throw new VaultApiException(ErrorTypes.ItemNameExists, $"A folder named [{path.Name}] already exists at this location.");
                }

                if (!overwrite)
                {
                    throw new VaultApiException(ErrorTypes.ItemNameExists, $"A file named [{path.Name}] already exists; set overwrite=true to replace it.");
                }
            }
        }
    }

    /// <summary>
    /// Places a file whose content was spooled to <paramref name="contentFile"/> (null in discard mode);
    /// the content file is moved, not copied.
    /// </summary>
    public StagedItem PutFile(StagingPath path, string? contentFile, long size, string? md5, bool overwrite)
    {
        lock (_gate)
        {
            CheckFileTarget(path, overwrite);
            var parent = Find(path.Parent)!;
            parent.Children!.TryGetValue(path.Name, out var existing);
            if (contentFile is not null)
            {
                // Local paths follow the stored casing so a case-only difference cannot create a twin on disk.
                var local = existing is not null ? LocalPath(PathOf(existing)) : LocalPath(PathOf(parent).Append(path.Name));
                File.Move(contentFile, local, overwrite: true);
            }

            if (existing is not null)
            {
                existing.Size = size;
                existing.Md5 = md5;
                existing.Modified = _clock.GetUtcNow();
                return existing;
            }

            var file = StagedItem.File(path.Name, size, md5, _clock.GetUtcNow());
            Attach(parent, file);
            return file;
        }
    }

    /// <summary>Throws unless <paramref name="path"/> may be deleted.</summary>
    public void CheckDelete(StagingPath path, StagingPath viewRoot, string viewPath, bool recursive)
    {
        lock (_gate)
        {
            var item = Require(path, viewPath);
            if (path.Segments.Count <= 1 || path.Equals(viewRoot))
            {
                throw new VaultApiException(ErrorTypes.OperationNotAllowed, $"[{viewPath}] is the staging root or a user home folder and cannot be deleted.");
            }

            if (item.IsFolder && item.Children!.Count > 0 && !recursive)
            {
                // UNCONFIRMED error type; strict reading: refused at request time.
                throw new VaultApiException(ErrorTypes.OperationNotAllowed, $"Folder [{viewPath}] is not empty; use recursive=true.");
            }
        }
    }

    public void Delete(StagingPath path)
    {
        lock (_gate)
        {
            var item = Find(path);
            if (item?.Parent is null)
            {
                return;
            }

            var local = LocalPath(PathOf(item));
            item.Parent.Children!.Remove(item.Name);
            item.Parent = null;
            if (item.IsFolder)
            {
                if (Directory.Exists(local))
                {
                    Directory.Delete(local, recursive: true);
                }
            }
            else if (File.Exists(local))
            {
                File.Delete(local);
            }
        }
    }

    /// <summary>Throws unless <paramref name="source"/> may move to <paramref name="target"/>.</summary>
    public void CheckMove(StagingPath source, StagingPath target, string sourceView)
    {
        lock (_gate)
        {
            var item = Require(source, sourceView);
            if (source.Segments.Count <= 1)
            {
                throw new VaultApiException(ErrorTypes.OperationNotAllowed, $"[{sourceView}] is the staging root or a user home folder and cannot be moved.");
            }

            if (item.IsFolder && target.IsWithin(source))
            {
                throw new VaultApiException(ErrorTypes.InvalidData, "A folder cannot be moved into itself.");
            }

            var parent = RequireParentFolder(target);
            if (parent.Children!.TryGetValue(target.Name, out var existing) && !ReferenceEquals(existing, item))
            {
                throw new VaultApiException(ErrorTypes.ItemNameExists, $"An item named [{target.Name}] already exists at the destination.");
            }
        }
    }

    public void Move(StagingPath source, StagingPath target)
    {
        lock (_gate)
        {
            var item = Find(source)!;
            var newParent = Find(target.Parent)!;
            var sourceLocal = LocalPath(PathOf(item));
            item.Parent!.Children!.Remove(item.Name);
            item.Name = target.Name;
            Attach(newParent, item);
            var targetLocal = LocalPath(PathOf(item));
            if (item.IsFolder)
            {
                if (Directory.Exists(sourceLocal))
                {
                    Directory.Move(sourceLocal, targetLocal);
                }
            }
            else if (File.Exists(sourceLocal))
            {
                File.Move(sourceLocal, targetLocal, overwrite: false);
            }
        }
    }

    /// <summary>Children of a folder (or all descendants, depth first), ordered by name.</summary>
    public IReadOnlyList<(StagingPath Path, StagedItem Item)> List(StagingPath folderPath, StagedItem folder, bool recursive)
    {
        lock (_gate)
        {
            var result = new List<(StagingPath, StagedItem)>();
            Collect(folderPath, folder, recursive, result);
            return result;
        }
    }

    public IReadOnlyList<(StagingPath Path, StagedItem Item)> AllItems()
    {
        return List(StagingPath.Root, _root, recursive: true);
    }

    private static void Collect(StagingPath path, StagedItem folder, bool recursive, List<(StagingPath, StagedItem)> result)
    {
        foreach (var child in folder.Children!.Values)
        {
            var childPath = path.Append(child.Name);
            result.Add((childPath, child));
            if (recursive && child.IsFolder)
            {
                Collect(childPath, child, recursive, result);
            }
        }
    }

    private StagedItem RequireParentFolder(StagingPath path)
    {
        if (path.IsRoot)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "The path must name an item below the root.");
        }

        var parent = Find(path.Parent);
        if (parent is null || !parent.IsFolder)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"Parent folder [{path.Parent}] does not exist; create it first.");
        }

        return parent;
    }

    private static void Attach(StagedItem parent, StagedItem child)
    {
        child.Parent = parent;
        parent.Children!.Add(child.Name, child);
    }

    private static void LoadFromDisk(StagedItem folder, string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub)
            {
                var child = StagedItem.Folder(sub.Name, sub.LastWriteTimeUtc);
                if (folder.Children!.TryAdd(child.Name, child))
                {
                    child.Parent = folder;
                    LoadFromDisk(child, sub.FullName);
                }
            }
            else if (entry is FileInfo file)
            {
                var child = StagedItem.File(file.Name, file.Length, null, file.LastWriteTimeUtc);
                if (folder.Children!.TryAdd(child.Name, child))
                {
                    child.Parent = folder;
                }
            }
        }
    }
}
