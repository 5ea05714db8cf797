using System;
using System.Collections.Generic;
using System.Security.Cryptography;
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

    /// <summary>
    /// Discard mode only: MD5 state after each part, so the file MD5 is known without keeping content.
    /// Index = part number - 1; null entries mean "unknown" (a middle part was replaced with different bytes).
    /// </summary>
    public List<IncrementalHash?> RunningHashes { get; } = new();

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

    /// <summary>
    /// Discard mode: the MD5 state after parts 1..number-1, cloned so part <paramref name="number"/> can
    /// continue it; null when unknown. Caller holds the emulator gate.
    /// </summary>
    public IncrementalHash? ContinueRunningHash(int number)
    {
        if (number == 1)
        {
            return IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        }

        return number - 2 < RunningHashes.Count ? RunningHashes[number - 2]?.Clone() : null;
    }

    /// <summary>Discard mode: lower-hex MD5 of the whole file when every part's running state is known.</summary>
    public string? RunningMd5(int partCount)
    {
        if (RunningHashes.Count != partCount || RunningHashes[^1] is not { } last)
        {
            return null;
        }

        using var copy = last.Clone();
        return Convert.ToHexStringLower(copy.GetHashAndReset());
    }

    /// <summary>Adds or replaces a part (and, in discard mode, its running MD5). Caller holds the emulator gate.</summary>
    public void StorePart(PartRecord part, IncrementalHash? running)
    {
        int index = part.Number - 1;
        if (index < Parts.Count)
        {
            bool sameBytes = Parts[index].Md5Hex == part.Md5Hex;
            Parts[index] = part;
            if (index < RunningHashes.Count)
            {
                RunningHashes[index]?.Dispose();
                RunningHashes[index] = running;

                // A replaced middle part with new bytes invalidates the running MD5 of every later part.
                for (int i = index + 1; !sameBytes && i < RunningHashes.Count; i++)
                {
                    RunningHashes[i]?.Dispose();
                    RunningHashes[i] = null;
                }
            }
            else
            {
                running?.Dispose();
            }

            return;
        }

        Parts.Add(part);
        if (running is not null)
        {
            while (RunningHashes.Count < index)
            {
                RunningHashes.Add(null);
            }

            RunningHashes.Add(running);
        }
    }
}

internal sealed record PartRecord(int Number, long Size, string Md5Hex, string? FilePath);
