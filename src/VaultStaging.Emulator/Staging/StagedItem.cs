using System;
using System.Collections.Generic;

namespace VaultStaging.Emulator.Staging;

/// <summary>A file or folder in the staging tree (metadata only; content lives on disk unless discarded).</summary>
internal sealed class StagedItem
{
    private StagedItem(string name, bool isFolder, DateTimeOffset modified)
    {
        Name = name;
        IsFolder = isFolder;
        Modified = modified;
        Children = isFolder ? new SortedDictionary<string, StagedItem>(StringComparer.OrdinalIgnoreCase) : null;
    }

    public string Name { get; set; }

    public bool IsFolder { get; }

    public StagedItem? Parent { get; set; }

    /// <summary>Children by name, case-insensitive, ordered by name (folders only).</summary>
    public SortedDictionary<string, StagedItem>? Children { get; }

    public long Size { get; set; }

    /// <summary>Lower-case hex MD5 when known (files uploaded or committed during this run).</summary>
    public string? Md5 { get; set; }

    public DateTimeOffset Modified { get; set; }

    public static StagedItem Folder(string name, DateTimeOffset modified) => new(name, true, modified);

    public static StagedItem File(string name, long size, string? md5, DateTimeOffset modified) =>
        new(name, false, modified) { Size = size, Md5 = md5 };
}
