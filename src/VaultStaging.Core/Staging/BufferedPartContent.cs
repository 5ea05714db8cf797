using System;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace VaultStaging.Core.Staging;

/// <summary>A part already in memory with its MD5 known up front, sent as Content-MD5 too.</summary>
internal sealed class BufferedPartContent : PartContent
{
    private readonly ArraySegment<byte> bytes;
    private readonly byte[] md5;

    public BufferedPartContent(ArraySegment<byte> bytes, byte[] md5)
    {
        this.bytes = bytes;
        this.md5 = md5;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Headers.ContentMD5 = md5;
    }

    public override long Length => bytes.Count;

    public override byte[]? SentMd5 => md5;

    public override Exception? LocalFailure => null;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => stream.WriteAsync(bytes.Array!, bytes.Offset, bytes.Count);
}
