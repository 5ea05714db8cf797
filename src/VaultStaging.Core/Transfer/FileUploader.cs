using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Stages one local file: small files by a single request, larger ones by a resumable session
/// (resuming a matching active session, parts strictly in order, every part verified), then commit
/// and, unless told not to, wait for the job and check the staged size.
/// </summary>
public sealed class FileUploader
{
    public FileUploader(VaultConnection connection, UploadOptions options)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public VaultConnection Connection { get; }

    public UploadOptions Options { get; }

    /// <summary>
    /// Never throws for a per-file failure: the result carries Status Failed and the error.
    /// Cancellation yields Status Cancelled and leaves any session resumable.
    /// </summary>
    public Task<UploadResult> UploadAsync(UploadRequest request, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
