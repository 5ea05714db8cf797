using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// A file small enough for one request: hashed, then streamed from the same open handle (so memory stays small),
/// with the client checking the server's size and MD5 against ours.
/// </summary>
internal sealed class SmallFileUpload
{
    private readonly FileStagingClient staging;

    public SmallFileUpload(FileStagingClient staging) => this.staging = staging;

    public async Task SendAsync(LocalFileSnapshot file, string stagingPath, bool overwrite, UploadOutcome outcome, CancellationToken cancellationToken)
    {
        using var stream = Open(file);
        var md5 = await HashAsync(file, stream, cancellationToken).ConfigureAwait(false);
        outcome.Md5 = Md5.ToHex(md5);
        stream.Position = 0;
        var item = await staging.UploadFileAsync(stagingPath, stream, file.Length, md5, overwrite, cancellationToken).ConfigureAwait(false);
        if (item.Size is { } size && size != file.Length)
        {
            throw TransferErrors.StagedSizeMismatch(file.Path, stagingPath, file.Length, size);
        }

        file.EnsureUnchanged();
        outcome.Status = UploadStatus.Staged;
    }

    private static FileStream Open(LocalFileSnapshot file)
    {
        try
        {
            return LocalFileSnapshot.OpenRead(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TransferErrors.LocalFileUnreadable(file.Path, e);
        }
    }

    private static async Task<byte[]> HashAsync(LocalFileSnapshot file, Stream stream, CancellationToken cancellationToken)
    {
        using var md5 = Md5.Create();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.TransformBlock(buffer, 0, read, null, 0);
                total += read;
            }
        }
        catch (IOException e)
        {
            throw TransferErrors.LocalFileUnreadable(file.Path, e);
        }

        md5.TransformFinalBlock(buffer, 0, 0);
        if (total != file.Length)
        {
            throw TransferErrors.LocalFileChanged(file.Path);
        }

        return md5.Hash!;
    }
}
