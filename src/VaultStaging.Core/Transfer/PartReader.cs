using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Reads one part of the local file into a pooled buffer and hashes it: one disk read per part, never the whole file.
/// With a <see cref="FileDigest"/>, the same bytes also feed the whole-file MD5 here, on the reading thread, so the
/// second hash never delays a send.
/// </summary>
internal sealed class PartReader : IDisposable
{
    private readonly LocalFileSnapshot file;
    private readonly PartPlan plan;
    private readonly PartBufferPool buffers;
    private readonly FileDigest? digest;
    private readonly FileStream stream;

    private PartReader(LocalFileSnapshot file, PartPlan plan, PartBufferPool buffers, FileDigest? digest, FileStream stream)
    {
        this.file = file;
        this.plan = plan;
        this.buffers = buffers;
        this.digest = digest;
        this.stream = stream;
    }

    public static PartReader Open(LocalFileSnapshot file, PartPlan plan, PartBufferPool buffers, FileDigest? digest)
    {
        try
        {
            return new PartReader(file, plan, buffers, digest, LocalFileSnapshot.OpenRead(file.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw e is FileNotFoundException or DirectoryNotFoundException
                ? TransferErrors.LocalFileChanged(file.Path)
                : TransferErrors.LocalFileUnreadable(file.Path, e);
        }
    }

    /// <summary>Not thread-safe: one read at a time per reader (the pipeline reads ahead by one part only).</summary>
    public async Task<PartBuffer> ReadAsync(int partNumber, CancellationToken cancellationToken)
    {
        var length = plan.LengthOf(partNumber);
        var buffer = buffers.Rent(length);
        try
        {
            stream.Position = plan.OffsetOf(partNumber);
            var read = 0;
            while (read < length)
            {
                var n = await stream.ReadAsync(buffer, read, length - read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw TransferErrors.LocalFileChanged(file.Path);
                }

                read += n;
            }

            var content = new ArraySegment<byte>(buffer, 0, length);
            var md5 = Md5.Hash(content);
            digest?.Append(partNumber, content);
            return new PartBuffer(partNumber, content, md5, buffers);
        }
        catch (Exception e)
        {
            buffers.Return(buffer);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw TransferErrors.LocalFileUnreadable(file.Path, e);
            }

            throw;
        }
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>One part's bytes (in a pooled array, returned on dispose) and their MD5.</summary>
internal sealed class PartBuffer : IDisposable
{
    private readonly PartBufferPool pool;
    private byte[]? rented;

    public PartBuffer(int partNumber, ArraySegment<byte> content, byte[] md5, PartBufferPool pool)
    {
        PartNumber = partNumber;
        rented = content.Array;
        Content = content;
        Md5 = md5;
        this.pool = pool;
    }

    public int PartNumber { get; }

    public ArraySegment<byte> Content { get; }

    public byte[] Md5 { get; }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref rented, null);
        if (array is not null)
        {
            pool.Return(array);
        }
    }
}
