using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// A request body written through a <see cref="BandwidthCap"/>: the body serializes itself into a stream that lets
/// each piece of at most 64 KiB through when the cap allows (nothing is buffered); headers as the body's own.
/// </summary>
internal sealed class CappedContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly BandwidthCap cap;

    public CappedContent(HttpContent inner, BandwidthCap cap)
    {
        this.inner = inner;
        this.cap = cap;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => inner.CopyToAsync(new CappedWriteStream(stream, cap));

    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class CappedWriteStream : Stream
    {
        private const int Piece = 64 * 1024;

        private readonly Stream destination;
        private readonly BandwidthCap cap;

        public CappedWriteStream(Stream destination, BandwidthCap cap)
        {
            this.destination = destination;
            this.cap = cap;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            for (var done = 0; done < count; done += Piece)
            {
                var piece = Math.Min(Piece, count - done);
                await cap.WaitAsync(piece, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(buffer, offset + done, piece, cancellationToken).ConfigureAwait(false);
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

        public override void Flush() => destination.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
