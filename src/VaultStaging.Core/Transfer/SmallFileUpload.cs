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
    private readonly BadCopyRemover remover;

    public SmallFileUpload(FileStagingClient staging, BadCopyRemover remover)
    {
        this.staging = staging;
        this.remover = remover;
    }

    /// <summary>
    /// A copy the server answers for with the wrong size or MD5 is ours: it is sent once more (replacing it), and
    /// removed when that does not verify either, so no bad copy is left looking good.
    /// </summary>
    public async Task SendAsync(FileToStage file, bool overwrite, UploadOutcome outcome, CancellationToken cancellationToken)
    {
        using var stream = Open(file.Local);
        var md5 = await HashAsync(file.Local, stream, cancellationToken).ConfigureAwait(false);
        outcome.Md5 = Md5.ToHex(md5);
        for (var attempt = 1; ; attempt++)
        {
            stream.Position = 0;
            try
            {
                // Throws UploadVerificationFailed when the server's size or MD5 of the file is not ours.
                await staging.UploadFileAsync(file.StagingPath, stream, file.Length, md5, overwrite, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (VaultStagingException bad) when (bad.ErrorId == VaultErrorIds.UploadVerificationFailed)
            {
                if (attempt >= 2)
                {
                    throw await remover.RemoveAsync(file.LocalPath, file.StagingPath, bad.Summary).ConfigureAwait(false);
                }

                overwrite = true;
            }
        }

        file.Local.EnsureUnchanged();
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
