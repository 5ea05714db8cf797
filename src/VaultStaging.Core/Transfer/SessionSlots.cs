using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Queues session creation while the vault is at its cap of active upload sessions (50, Vault-wide; the answer is
/// OPERATION_NOT_ALLOWED): waits with jittered exponential backoff, or until a session of this batch commits or
/// aborts (<see cref="Release"/>), then tries again, for at most <see cref="UploadOptions.SessionSlotTimeout"/>.
/// One instance is shared by every file of a batch.
/// </summary>
internal sealed class SessionSlots
{
    private readonly UploadOptions options;
    private readonly IVaultLog log;
    private readonly TimeProvider time;
    private readonly Random random = new();
    private TaskCompletionSource<bool> released = NewSignal();

    public SessionSlots(UploadOptions options, IVaultLog log, TimeProvider time)
    {
        this.options = options;
        this.log = log;
        this.time = time;
    }

    /// <summary>A session this process held ended: wake everyone waiting for a slot.</summary>
    public void Release() => Interlocked.Exchange(ref released, NewSignal()).TrySetResult(true);

    public async Task<T> CreateAsync<T>(string localPath, Func<Task<T>> create, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var signal = Volatile.Read(ref released).Task;
            try
            {
                return await create().ConfigureAwait(false);
            }
            catch (VaultApiException full) when (IsCapReached(full))
            {
                var delay = DelayFor(attempt);
                var waited = time.GetElapsedTime(started);
                if (waited + delay > options.SessionSlotTimeout)
                {
                    throw TransferErrors.SessionLimitReached(localPath, waited, full);
                }

                log.Warning(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: Vault refused a new upload session ({1}); the vault is probably at its limit of active sessions. Waiting up to {2:0.#} s for a free slot.",
                    localPath,
                    full.VaultErrorType,
                    delay.TotalSeconds));
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(signal, time.Delay(delay, wait.Token)).ConfigureAwait(false);
                wait.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>
    /// Vault answers OPERATION_NOT_ALLOWED when the vault-wide session cap is reached (undocumented; the emulator's reading, docs/emulator.md);
    /// a refusal after an uncertain attempt is the caller's to resolve first.
    /// </summary>
    private static bool IsCapReached(VaultApiException e)
        => e.VaultErrorType == VaultErrorTypes.OperationNotAllowed && !e.AfterUncertainAttempt;

    private TimeSpan DelayFor(int attempt)
    {
        var ceiling = Math.Min(options.SessionSlotMaxDelay.Ticks, options.SessionSlotBaseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 20)));
        double fraction;
        lock (random)
        {
            fraction = 0.5 + (random.NextDouble() / 2);
        }

        return TimeSpan.FromTicks((long)(ceiling * fraction));
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
