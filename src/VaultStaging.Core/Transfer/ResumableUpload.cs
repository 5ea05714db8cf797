using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// One resumable session bound to its local file and part plan: the step-wise building block under
/// <see cref="FileUploader"/> and the object New-VaultUploadSession hands down the pipeline.
/// </summary>
public sealed class ResumableUpload
{
    private ResumableUpload()
    {
    }

    public string LocalPath { get; private set; } = "";

    public string StagingPath { get; private set; } = "";

    public UploadSessionInfo Session { get; private set; } = null!;

    public PartPlan Plan { get; private set; } = null!;

    /// <summary>Creates a session sized to the local file (or, with <paramref name="resume"/>, adopts a matching active one).</summary>
    public static Task<ResumableUpload> StartAsync(VaultConnection connection, UploadRequest request, UploadOptions options, bool resume, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Binds to an existing session by id (the local file must match its size).</summary>
    public static Task<ResumableUpload> AttachAsync(VaultConnection connection, string sessionId, string localPath, UploadOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>
    /// Lists the server's parts and verifies each against the local bytes; returns the first part number
    /// to send (PartCount + 1 when complete).
    /// </summary>
    public Task<int> FindResumePointAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Reads, hashes and sends one part; verifies the server's answer.</summary>
    public Task<UploadedPart> SendPartAsync(int partNumber, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Sends every part from the resume point on, in order; returns the number sent.</summary>
    public Task<int> SendRemainingPartsAsync(IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Commits; returns the job id.</summary>
    public Task<long> CommitAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task AbortAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
