using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Staging;

/// <summary>
/// Streams a request body to a file (or nowhere, in discard mode) while hashing it, with a bounded buffer.
/// Bytes past <c>writeLimit</c> are counted and drained but not written, so an oversized body cannot fill the disk.
/// </summary>
internal static class BodySpooler
{
    private const int BufferSize = 128 * 1024;

    public static async Task<SpoolResult> SpoolAsync(
        Stream source,
        string? destinationFile,
        long writeLimit,
        CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        FileStream? output = destinationFile is null
            ? null
            : new FileStream(destinationFile, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        try
        {
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > writeLimit)
                {
                    // Past the limit: keep draining so the client gets our JSON answer instead of a reset.
                    continue;
                }

                md5.AppendData(buffer, 0, read);
                if (output is not null)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

            }

            bool overflowed = length > writeLimit;
            return new SpoolResult(length, overflowed ? string.Empty : Convert.ToHexStringLower(md5.GetHashAndReset()), overflowed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (output is not null)
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>Length of the body, its lower-case hex MD5 (empty when it overflowed), and whether it exceeded the limit.</summary>
internal readonly record struct SpoolResult(long Length, string Md5Hex, bool Overflowed);
