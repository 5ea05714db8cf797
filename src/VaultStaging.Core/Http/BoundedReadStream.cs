using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Reads at most a given number of bytes from the caller's stream and never closes it, so an HTTP
/// content can own it for one attempt while the caller keeps it for the next.
/// </summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream inner;
    private long remaining;

    public BoundedReadStream(Stream inner, long length)
    {
        this.inner = inner;
        remaining = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, Limit(count));
        remaining -= read;
        return read;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, offset, Limit(count), cancellationToken).ConfigureAwait(false);
        remaining -= read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Limit(int count) => (int)Math.Min(count, Math.Max(remaining, 0));
}
