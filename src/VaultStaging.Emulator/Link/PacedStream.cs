using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// A request or response body whose bytes cross the connection's <see cref="CongestionWindow"/> (when it has one) and
/// then the shared <see cref="LinkPacer"/>: reads after they arrive, writes before they leave.
/// </summary>
internal sealed class PacedStream : Stream
{
    /// <summary>Bodies are paced in pieces of at most this size, so a large write does not wait in one lump.</summary>
    private const int Piece = 16 * 1024;

    private readonly Stream inner;
    private readonly LinkPacer pacer;
    private readonly CongestionWindow? window;

    public PacedStream(Stream inner, LinkPacer pacer, CongestionWindow? window = null)
    {
        this.inner = inner;
        this.pacer = pacer;
        this.window = window;
    }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, Piece)], cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            await CrossAsync(read, cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < buffer.Length; offset += Piece)
        {
            var piece = buffer.Slice(offset, Math.Min(Piece, buffer.Length - offset));
            await CrossAsync(piece.Length, cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task CrossAsync(int bytes, CancellationToken cancellationToken)
    {
        if (window is not null)
        {
            await window.CrossAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        await pacer.CrossAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
