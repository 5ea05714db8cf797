using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Holds the current login session and replaces it when it dies: one login at a time, shared by
/// every caller that saw the same dead session; proactively before Vault's 48 h absolute cap.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim holds unmanaged state only once its AvailableWaitHandle is read, which no code here does.")]
internal sealed class SessionRenewer
{
    /// <summary>Renew this long after login, ahead of the 48 h hard limit.</summary>
    public static readonly TimeSpan ProactiveAge = TimeSpan.FromHours(47);

    private readonly Func<CancellationToken, Task<string>>? login;
    private readonly TimeProvider time;
    private readonly Redactor redactor;
    private readonly SemaphoreSlim gate = new(1, 1);
    private string current = "";
    private DateTimeOffset issuedAt;

    /// <summary>Vault's auth limit is per minute: within it, a failed login is not tried again for the same dead session.</summary>
    private static readonly TimeSpan FailedLoginMemory = TimeSpan.FromMinutes(1);

    // The last failed login and the session it was meant to replace: callers that saw the same dead session get this
    // failure instead of each logging in again.
    private string failedFor = "";
    private DateTimeOffset failedAt;
    private ExceptionDispatchInfo? failure;

    // login: logs in again and returns the new session id; null when no credential is held.
    public SessionRenewer(Func<CancellationToken, Task<string>>? login, TimeProvider time, Redactor redactor)
    {
        this.login = login;
        this.time = time;
        this.redactor = redactor;
    }

    public bool CanRenew => login is not null;

    public string Current => Volatile.Read(ref current);

    public void Adopt(string sessionId)
    {
        redactor.AddSecret(sessionId);
        issuedAt = time.GetUtcNow();
        Volatile.Write(ref current, sessionId);
    }

    /// <summary>The session to send now, renewed first when it is close to the absolute cap.</summary>
    public Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var session = Current;
        return CanRenew && time.GetUtcNow() - issuedAt >= ProactiveAge
            ? RenewAsync(session, cancellationToken)
            : Task.FromResult(session);
    }

    /// <summary>
    /// Replaces <paramref name="deadSession"/>; when another caller already did, returns its session
    /// without logging in again.
    /// </summary>
    public async Task<string> RenewAsync(string deadSession, CancellationToken cancellationToken)
    {
        if (login is null)
        {
            throw SessionExpired();
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.Equals(Current, deadSession, StringComparison.Ordinal))
            {
                return Current;
            }

            if (failure is not null && string.Equals(failedFor, deadSession, StringComparison.Ordinal) && time.GetUtcNow() - failedAt < FailedLoginMemory)
            {
                failure.Throw();
            }

            string session;
            try
            {
                session = await login(cancellationToken).ConfigureAwait(false);
            }
            catch (VaultStagingException e)
            {
                failedFor = deadSession;
                failedAt = time.GetUtcNow();
                failure = ExceptionDispatchInfo.Capture(e);
                throw;
            }

            Adopt(session);
            return session;
        }
        finally
        {
            gate.Release();
        }
    }

    public static VaultStagingException SessionExpired() => new(
        VaultErrorIds.SessionExpired,
        VaultErrorCategory.AuthenticationError,
        "The Vault session has expired and cannot be renewed from a session id alone.")
    {
        Remedies = new[] { new Remedy(RemedyAction.Reconnect, "to go on") },
    };
}
