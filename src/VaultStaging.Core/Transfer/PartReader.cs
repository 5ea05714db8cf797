using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Transfer;

/// <summary>Reads one part of the local file into a pooled buffer and hashes it: one disk read per part, never the whole file.</summary>
internal sealed class PartReader : IDisposable
{
    private readonly LocalFileSnapshot file;
    private readonly PartPlan plan;
    private readonly FileStream stream;

    private PartReader(LocalFileSnapshot file, PartPlan plan, FileStream stream)
    {
        this.file = file;
        this.plan = plan;
        this.stream = stream;
    }

    public static PartReader Open(LocalFileSnapshot file, PartPlan plan)
    {
        try
        {
            return new PartReader(file, plan, LocalFileSnapshot.OpenRead(file.Path));
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
        var buffer = ArrayPool<byte>.Shared.Rent(length);
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
            return new PartBuffer(partNumber, buffer, content, Md5.Hash(content));
        }
        catch (Exception e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
    private byte[]? rented;

    public PartBuffer(int partNumber, byte[] rented, ArraySegment<byte> content, byte[] md5)
    {
        PartNumber = partNumber;
        this.rented = rented;
        Content = content;
        Md5 = md5;
    }

    public int PartNumber { get; }

    public ArraySegment<byte> Content { get; }

    public byte[] Md5 { get; }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref rented, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
