using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Http;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Sends a part streamed from the local file and checks the server stored exactly the bytes that went out; re-sends
/// the same part number (which overwrites it) when the answer does not verify or the transport failed for good.
/// </summary>
internal sealed class PartSender
{
    private readonly FileStagingClient staging;
    private readonly IVaultLog log;
    private readonly LinkEstimate link;
    private readonly TimeProvider time;
    private readonly string sessionId;
    private readonly string localPath;
    private readonly int partCount;
    private readonly int maxAttempts;

    public PartSender(FileStagingClient staging, IVaultLog log, LinkEstimate link, TimeProvider time, string sessionId, string localPath, int partCount, int maxAttempts)
    {
        this.staging = staging;
        this.log = log;
        this.link = link;
        this.time = time;
        this.sessionId = sessionId;
        this.localPath = localPath;
        this.partCount = partCount;
        this.maxAttempts = Math.Max(1, maxAttempts);
    }

    public async Task<UploadedPart> SendAsync(PartSource source, int partNumber, Action<long>? written, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Throws PartVerificationFailed when the server's size or MD5 of the part is not what was sent.
                var started = time.GetTimestamp();
                var length = source.LengthOf(partNumber);
                var uploaded = await staging.UploadPartAsync(sessionId, partNumber, length, () => source.ContentFor(partNumber, written), cancellationToken).ConfigureAwait(false);
                link.ObservePart(length, time.GetElapsedTime(started));
                return uploaded;
            }
            catch (VaultApiException refused) when (refused.AfterUncertainAttempt)
            {
                // E.g. OPERATION_IN_PROGRESS: an earlier attempt of this very part may still be (or have been) stored.
                if (await FindStoredAsync(source, partNumber, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    return stored;
                }

                if (attempt >= maxAttempts)
                {
                    throw TransferErrors.PartUploadFailed(localPath, partNumber, partCount, attempt, refused);
                }
            }
            catch (Exception e) when (IsWorthResending(e, cancellationToken))
            {
                if (attempt >= maxAttempts)
                {
                    if (e is VaultStagingException { ErrorId: VaultErrorIds.PartVerificationFailed })
                    {
                        throw new VaultStagingException(
                            VaultErrorIds.PartVerificationFailed,
                            VaultErrorCategory.InvalidData,
                            $"Part {partNumber} of {partCount} of '{localPath}' did not verify after {attempt} attempt(s): {e.Message} Run the same upload again to resume from this part.",
                            e)
                        {
                            Target = localPath,
                        };
                    }

                    throw TransferErrors.PartUploadFailed(localPath, partNumber, partCount, attempt, e);
                }

                log.Warning($"{localPath}: part {partNumber} of {partCount} failed ({e.Message}); sending it again (attempt {attempt + 1} of {maxAttempts}).");
            }
        }
    }

    /// <summary>The part as the server holds it, when it holds exactly these bytes.</summary>
    private async Task<UploadedPart?> FindStoredAsync(PartSource source, int partNumber, CancellationToken cancellationToken)
    {
        var held = await staging.ListPartsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var stored = held.LastOrDefault(p => p.PartNumber == partNumber);
        if (stored is not null && stored.Size == source.LengthOf(partNumber)
            && Md5.HexEquals(stored.Md5, await source.HashAsync(partNumber, cancellationToken).ConfigureAwait(false)))
        {
            log.Verbose($"{localPath}: part {partNumber} of {partCount} was stored by an earlier attempt whose answer was lost.");
            return stored;
        }

        return null;
    }

    private static bool IsWorthResending(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        VaultApiException api when RetryPolicy.IsTransient(api) => true,
        VaultStagingException v => v.ErrorId == VaultErrorIds.PartVerificationFailed
            || v.Category is VaultErrorCategory.ConnectionError or VaultErrorCategory.ProtocolError or VaultErrorCategory.OperationTimeout,
        HttpRequestException or IOException => true,
        _ => false,
    };
}
