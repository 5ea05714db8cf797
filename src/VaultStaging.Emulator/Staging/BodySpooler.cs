using System;
using System.IO;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Staging;

/// <summary>
/// Streams a request body to a file (or nowhere, in discard mode) while hashing it, holding only what the pipe holds.
/// Bytes past <c>writeLimit</c> are counted and drained but not written, so an oversized body cannot fill the disk.
/// </summary>
internal static class BodySpooler
{
    private const int BufferSize = 128 * 1024;

    public static async Task<SpoolResult> SpoolAsync(Stream source, string? destinationFile, long writeLimit, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(source, new StreamPipeReaderOptions(bufferSize: BufferSize, leaveOpen: true));
        try
        {
            return await SpoolAsync(reader, destinationFile, writeLimit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hashes and writes the pipe's own segments: no copy into a buffer of ours first.</summary>
    public static async Task<SpoolResult> SpoolAsync(PipeReader source, string? destinationFile, long writeLimit, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        FileStream? output = destinationFile is null
            ? null
            : new FileStream(destinationFile, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        try
        {
            long length = 0;
            while (true)
            {
                var read = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
                foreach (var segment in read.Buffer)
                {
                    length += segment.Length;
                    if (length > writeLimit)
                    {
                        // Past the limit: keep draining so the client gets our JSON answer instead of a reset.
                        continue;
                    }

                    md5.AppendData(segment.Span);
                    if (output is not null)
                    {
                        await output.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                    }
                }

                source.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            bool overflowed = length > writeLimit;
            return new SpoolResult(length, overflowed ? string.Empty : Convert.ToHexStringLower(md5.GetHashAndReset()), overflowed);
        }
        finally
        {
            if (output is not null)
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>Length of the body, its lower-case hex MD5 (empty when it overflowed), and whether it exceeded the limit.</summary>
internal readonly record struct SpoolResult(long Length, string Md5Hex, bool Overflowed);
