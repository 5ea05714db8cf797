using System;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// One attempt at a part's body, streamed from the local file. No Content-MD5 goes with it (the header is optional and
/// its encoding undocumented): the MD5 of what was written is compared with the server's <c>part_content_md5</c>.
/// </summary>
internal sealed class FilePartContent : PartContent
{
    private readonly PartSource source;
    private readonly int partNumber;
    private readonly Action<long>? written;
    private byte[]? sentMd5;
    private Exception? localFailure;

    public FilePartContent(PartSource source, int partNumber, long length, Action<long>? written)
    {
        this.source = source;
        this.partNumber = partNumber;
        this.written = written;
        Length = length;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    public override long Length { get; }

    public override byte[]? SentMd5 => Volatile.Read(ref sentMd5);

    public override Exception? LocalFailure => Volatile.Read(ref localFailure);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Volatile.Write(ref sentMd5, null);
        try
        {
            Volatile.Write(ref sentMd5, await source.CopyPartAsync(partNumber, stream, written, CancellationToken.None).ConfigureAwait(false));
        }
        catch (VaultStagingException local)
        {
            Volatile.Write(ref localFailure, local);
            throw;
        }
    }
}
