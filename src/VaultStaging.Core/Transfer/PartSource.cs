using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// The parts of one local file, streamed from disk in 1 MiB chunks and hashed on the way: a part of any size costs one
/// chunk buffer, never its own length in memory, so parts can be as large as the link wants. Each chunk feeds the
/// part's MD5 and, with a <see cref="FileDigest"/>, the whole-file MD5 from the same read.
/// </summary>
internal sealed class PartSource : IDisposable
{
    /// <summary>
    /// Measured on a 2 GiB upload (docs/performance.md): 256 KiB chunks cost 0.7 CPU-s more in the kernel (many more
    /// socket waits), 4 MiB chunks were 16 % slower; 1 MiB was the quickest and cheapest.
    /// </summary>
    internal const int ChunkSize = 1024 * 1024;

    private readonly LocalFileSnapshot file;
    private readonly PartPlan plan;
    private readonly FileDigest? digest;
    private readonly FileStream stream;

    // One positioned read at a time: an abandoned attempt of a part may still be reading when its retry starts.
    private readonly SemaphoreSlim reading = new(1, 1);

    private PartSource(LocalFileSnapshot file, PartPlan plan, FileDigest? digest, FileStream stream)
    {
        this.file = file;
        this.plan = plan;
        this.digest = digest;
        this.stream = stream;
    }

    public static PartSource Open(LocalFileSnapshot file, PartPlan plan, FileDigest? digest)
    {
        try
        {
            return new PartSource(file, plan, digest, LocalFileSnapshot.OpenRead(file.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw e is FileNotFoundException or DirectoryNotFoundException
                ? TransferErrors.LocalFileChanged(file.Path)
                : TransferErrors.LocalFileUnreadable(file.Path, e);
        }
    }

    public long LengthOf(int partNumber) => plan.LengthOf(partNumber);

    /// <summary>
    /// A body for one attempt at sending the part; it learns the part's MD5 as it is written, and tells
    /// <paramref name="written"/> how many of its bytes went out so far.
    /// </summary>
    public PartContent ContentFor(int partNumber, Action<long>? written = null) => new FilePartContent(this, partNumber, plan.LengthOf(partNumber), written);

    /// <summary>The MD5 of the part as the local file holds it now.</summary>
    public Task<byte[]> HashAsync(int partNumber, CancellationToken cancellationToken)
        => CopyPartAsync(partNumber, destination: null, written: null, cancellationToken);

    /// <summary>
    /// Reads the part chunk by chunk, hashing each and writing it to <paramref name="destination"/> (if any), and telling
    /// <paramref name="written"/> the bytes written so far; returns the part's MD5. Local read failures surface as
    /// LocalFileChanged / LocalFileUnreadable.
    /// </summary>
    /// <remarks>
    /// The reads are sequential, so the kernel's read-ahead (the file is opened for a sequential scan) has the next
    /// chunk ready; reading it ahead here as well, on another thread, cost a 2 GiB upload ~0.45 CPU-s of hand-offs
    /// between threads and a second buffer, and was no faster (docs/performance.md).
    /// </remarks>
    internal async Task<byte[]> CopyPartAsync(int partNumber, Stream? destination, Action<long>? written, CancellationToken cancellationToken)
    {
        var start = plan.OffsetOf(partNumber);
        var end = start + plan.LengthOf(partNumber);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var md5 = Md5.Create();
            for (var offset = start; offset < end;)
            {
                var count = Read(offset, chunk, end, cancellationToken);
                md5.TransformBlock(chunk, 0, count, null, 0);
                digest?.Append(offset, chunk, count);
                offset += count;
                if (destination is not null)
                {
                    await destination.WriteAsync(chunk, 0, count, cancellationToken).ConfigureAwait(false);
                    written?.Invoke(offset - start);
                }
            }

            return Md5.Finish(md5);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        reading.Dispose();
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> up to a chunk or <paramref name="end"/>.</summary>
    private int Read(long offset, byte[] buffer, long end, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Min(ChunkSize, end - offset);
        reading.Wait(cancellationToken);
        try
        {
            stream.Position = offset;
            var read = 0;
            while (read < wanted)
            {
                var n = stream.Read(buffer, read, wanted - read);
                if (n == 0)
                {
                    throw TransferErrors.LocalFileChanged(file.Path);
                }

                read += n;
            }

            return read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TransferErrors.LocalFileUnreadable(file.Path, e);
        }
        finally
        {
            reading.Release();
        }
    }
}
