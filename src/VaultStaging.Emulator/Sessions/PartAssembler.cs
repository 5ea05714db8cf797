using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Emulator.Sessions;

/// <summary>Concatenates part files into the committed file, streaming and hashing as it goes.</summary>
internal static class PartAssembler
{
    public static async Task<string> AssembleAsync(IReadOnlyList<PartRecord> parts, string destination, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[128 * 1024];
        await using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        foreach (var part in parts)
        {
            await using var input = new FileStream(part.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }
}
