using System;
using System.Net.Http;

namespace VaultStaging.Core.Staging;

/// <summary>
/// The body of one part upload that knows the MD5 of the bytes it actually wrote, so the server's
/// <c>part_content_md5</c> is checked against what went out, not against what was meant to. A body that streams from
/// disk learns its MD5 only while it is written; one built from memory knows it before (and sends it as Content-MD5).
/// </summary>
internal abstract class PartContent : HttpContent
{
    /// <summary>Bytes in the part.</summary>
    public abstract long Length { get; }

    /// <summary>The MD5 of the bytes the last complete serialization wrote; null until one completed.</summary>
    public abstract byte[]? SentMd5 { get; }

    /// <summary>Why reading the local bytes failed (the file changed or became unreadable), as the error to report.</summary>
    public abstract Exception? LocalFailure { get; }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }
}
