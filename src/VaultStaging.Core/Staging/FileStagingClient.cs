using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Staging;

/// <summary>
/// The file staging endpoints (REFERENCE §5–§7), one method each, paging followed.
/// Paths are absolute staging paths as the connected user addresses them.
/// </summary>
public sealed class FileStagingClient
{
    internal FileStagingClient()
    {
    }

    /// <summary>Lists a folder (or the one file at a file path); follows next_page.</summary>
    public Task<IReadOnlyList<StagingItem>> ListItemsAsync(string path, bool recursive = false, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>The item at a path, or null when nothing is there.</summary>
    public Task<StagingItem?> GetItemAsync(string path, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<StagingItem> CreateFolderAsync(string path, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Creates the folder and any missing ancestors; existing ones are fine.</summary>
    public Task EnsureFolderAsync(string path, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Single-request upload (at most 50 MB). Verifies the returned size and MD5.</summary>
    public Task<StagingItem> UploadFileAsync(string path, Stream content, long length, byte[] md5, bool overwrite, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<long> DeleteItemAsync(string path, bool recursive = false, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Moves and/or renames; returns the job id.</summary>
    public Task<long> MoveItemAsync(string path, string? newParent, string? newName, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<UploadSessionInfo> CreateSessionAsync(string path, long size, bool overwrite, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>PUTs one part with Content-MD5 and verifies the returned size and part_content_md5.</summary>
    public Task<UploadedPart> UploadPartAsync(string sessionId, int partNumber, ArraySegment<byte> content, byte[] md5, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Commits a complete session; returns the job id.</summary>
    public Task<long> CommitSessionAsync(string sessionId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<IReadOnlyList<UploadSessionInfo>> ListSessionsAsync(CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<UploadSessionInfo> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<IReadOnlyList<UploadedPart>> ListPartsAsync(string sessionId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task AbortSessionAsync(string sessionId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>One status read; the caller keeps to the once-per-10-s rule (see <see cref="WaitForJobAsync"/>).</summary>
    public Task<VaultJob> GetJobAsync(long jobId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Polls no faster than <paramref name="pollInterval"/> (never below the vault's rule in production) until the job finishes.</summary>
    public Task<VaultJob> WaitForJobAsync(long jobId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
