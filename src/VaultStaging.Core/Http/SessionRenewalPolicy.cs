using System;
using System.Net;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Sends the connection's login session with the call and, when Vault says it is dead, logs in again and repeats the
/// call once (the repeat is the same attempt as far as retries go). Placed outside the retry policy, so a failed login
/// reaches the caller as it is instead of being retried a second time.
/// </summary>
internal sealed class SessionRenewalPolicy : VaultPipelinePolicy
{
    private readonly SessionRenewer session;
    private readonly SafeLog log;

    public SessionRenewalPolicy(SessionRenewer session, SafeLog log)
    {
        this.session = session;
        this.log = log;
    }

    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        var request = message.Request;
        var renewable = request.Authenticated && request.SessionOverride is null;
        while (true)
        {
            message.Session = request.SessionOverride
                ?? (request.Authenticated ? await session.GetAsync(message.CancellationToken).ConfigureAwait(false) : null);
            try
            {
                await next().ConfigureAwait(false);
                return;
            }
            catch (VaultApiException dead) when (renewable && IsDeadSession(dead))
            {
                if (message.SessionRenewed || !request.Replayable)
                {
                    throw;
                }

                if (!session.CanRenew)
                {
                    throw SessionRenewer.SessionExpired();
                }

                message.SessionRenewed = true;
                log.Warning(LogSubject.Prefix(message.RequestLine + ": the Vault login session has expired; logging in again and repeating the request."));
                await session.RenewAsync(message.Session!, message.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static bool IsDeadSession(VaultApiException exception) => IsDeadSession(exception.HttpStatus, exception.VaultErrorType);

    public static bool IsDeadSession(int httpStatus, string vaultErrorType)
        => vaultErrorType == VaultErrorTypes.InvalidSessionId || httpStatus == (int)HttpStatusCode.Unauthorized;
}
