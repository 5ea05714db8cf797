using System;
using System.Collections.Generic;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator.Sessions;

/// <summary>A resumable upload session and its parts (part files live in <see cref="Directory"/>).</summary>
internal sealed class UploadSession
{
    public UploadSession(string id, StagingPath target, EmulatorUser owner, long size, bool overwrite, DateTimeOffset created, DateTimeOffset expires, string directory)
    {
        Id = id;
        Target = target;
        Owner = owner;
        Size = size;
        Overwrite = overwrite;
        Created = created;
        LastUploaded = created;
        Expires = expires;
        Directory = directory;
    }

    public string Id { get; }

    /// <summary>Creation order; listings use it because many sessions can share one clock instant.</summary>
    public long Sequence { get; init; }

    public StagingPath Target { get; }

    public EmulatorUser Owner { get; }

    public long Size { get; }

    public bool Overwrite { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset LastUploaded { get; set; }

    public DateTimeOffset Expires { get; }

    public string Directory { get; }

    /// <summary>Parts 1..Count in order (index = part number - 1); parts arrive strictly in order.</summary>
    public List<PartRecord> Parts { get; } = new();

    /// <summary>Parts being received right now, by number (a concurrent PUT of a later part is out of order).</summary>
    public HashSet<int> InFlight { get; } = new();

    /// <summary>Set while the commit assembles the file: further uploads are refused.</summary>
    public bool Committing { get; set; }

    public long Uploaded
    {
        get
        {
            long total = 0;
            foreach (var part in Parts)
            {
                total += part.Size;
            }

            return total;
        }
    }

    /// <summary>Adds or replaces a part. Caller holds the emulator gate.</summary>
    public void StorePart(PartRecord part)
    {
        int index = part.Number - 1;
        if (index < Parts.Count)
        {
            Parts[index] = part;
        }
        else
        {
            Parts.Add(part);
        }
    }
}

internal sealed record PartRecord(int Number, long Size, string Md5Hex, string? FilePath);
