using System;
using System.Security.Cryptography;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// The whole-file MD5, built from the bytes as they are read for the parts. It takes bytes by their offset in the file
/// and only those that extend what it has, so a part read twice (a re-send) counts once, and a gap leaves it
/// unfinished. Thread-safe: an abandoned attempt of a part may still be reading when its retry starts.
/// </summary>
internal sealed class FileDigest : IDisposable
{
    private readonly object gate = new();
    private readonly long fileSize;
    private HashAlgorithm hash = Md5.Create();
    private long hashed;

    public FileDigest(long fileSize)
    {
        this.fileSize = fileSize;
        FinishIfComplete();
    }

    /// <summary>Lower-case hex MD5 once every byte went in.</summary>
    public string? Hex { get; private set; }

    public void Append(long offset, byte[] bytes, int count)
    {
        lock (gate)
        {
            var end = offset + count;
            if (Hex is not null || offset > hashed || end <= hashed)
            {
                return;
            }

            var skip = (int)(hashed - offset);
            hash.TransformBlock(bytes, skip, count - skip, null, 0);
            hashed = end;
            FinishIfComplete();
        }
    }

    /// <summary>Starts over (a second pass over the file).</summary>
    public void Reset()
    {
        lock (gate)
        {
            hash.Dispose();
            hash = Md5.Create();
            hashed = 0;
            Hex = null;
            FinishIfComplete();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            hash.Dispose();
        }
    }

    private void FinishIfComplete()
    {
        if (hashed >= fileSize)
        {
            Hex = Md5.ToHex(Md5.Finish(hash));
        }
    }
}
