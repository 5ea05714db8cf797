using System;
using System.Security.Cryptography;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// The whole-file MD5, built from the parts as they are read. Parts are only taken strictly in order,
/// so a file whose parts were read out of order simply has no digest. Thread-safe: parts are read on worker threads.
/// </summary>
internal sealed class FileDigest : IDisposable
{
    private readonly object gate = new();
    private readonly int partCount;
    private HashAlgorithm hash = Md5.Create();

    public FileDigest(int partCount)
    {
        this.partCount = partCount;
        if (partCount == 0)
        {
            Hex = Md5.ToHex(Md5.Finish(hash));
        }
    }

    /// <summary>The part the digest needs next.</summary>
    public int NextPart { get; private set; } = 1;

    /// <summary>Lower-case hex MD5 once every part went in.</summary>
    public string? Hex { get; private set; }

    public void Append(int partNumber, ArraySegment<byte> bytes)
    {
        lock (gate)
        {
            if (partNumber != NextPart || Hex is not null)
            {
                return;
            }

            hash.TransformBlock(bytes.Array!, bytes.Offset, bytes.Count, null, 0);
            NextPart++;
            if (NextPart > partCount)
            {
                Hex = Md5.ToHex(Md5.Finish(hash));
            }
        }
    }

    /// <summary>Starts over (a second pass over the file).</summary>
    public void Reset()
    {
        lock (gate)
        {
            hash.Dispose();
            hash = Md5.Create();
            NextPart = 1;
            Hex = partCount == 0 ? Hex : null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            hash.Dispose();
        }
    }
}
