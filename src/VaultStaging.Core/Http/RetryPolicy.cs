using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Repeats an attempt that failed transiently (transport errors, timeouts, 5xx/429, answers that are not a Vault
/// envelope) after a <see cref="RetryBackoff"/> delay on the connection's clock, and turns the last failure into one
/// error that says how many attempts were made. Once an attempt failed that way, the later ones are marked
/// <see cref="VaultMessage.AfterUncertainAttempt"/>: the server may have carried the first one out.
/// </summary>
internal sealed class RetryPolicy : VaultPipelinePolicy
{
    private readonly RetryBackoff backoff;
    private readonly TimeProvider time;
    private readonly SafeLog log;
    private readonly Redactor redactor;

    public RetryPolicy(RetryBackoff backoff, TimeProvider time, SafeLog log, Redactor redactor)
    {
        this.backoff = backoff;
        this.time = time;
        this.log = log;
        this.redactor = redactor;
    }

    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        var request = message.Request;
        var cancellationToken = message.CancellationToken;
        var started = message.Started ??= time.GetTimestamp();

        // A repeat after a session renewal comes back here with the attempt it repeats.
        for (; ; message.Attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            message.Response = null;
            try
            {
                await next().ConfigureAwait(false);
                return;
            }
            catch (VaultApiException refused) when (refused.AfterUncertainAttempt)
            {
                log.Warning(LogSubject.Prefix(message.RequestLine + ": Vault refused a repeat of a request whose earlier attempt may have been carried out (" + refused.VaultErrorType + ")."));
                throw;
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                message.AfterUncertainAttempt = true;
                var cause = Describe(exception);
                var delay = backoff.DelayFor(message.Attempt, RetryAfter(message.Response?.Headers));
                var elapsed = time.GetElapsedTime(started);
                if (!request.Replayable || !backoff.CanRetry(message.Attempt, elapsed, delay))
                {
                    throw GaveUp(message.RequestLine, message.Attempt, elapsed, cause, exception);
                }

                log.Warning(LogSubject.Prefix(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}{1}: attempt {2} of {3} failed ({4}); retrying in {5:0.0} s.",
                    message.RequestLine,
                    request.Detail is null ? "" : " (" + request.Detail + ")",
                    message.Attempt,
                    backoff.MaxAttempts,
                    cause,
                    delay.TotalSeconds)));
                request.Retried = true;
                await time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // Not worth a retry (unknown host, failed TLS handshake): one clear error naming the server.
                throw new VaultStagingException(
                    VaultErrorIds.ConnectionFailed,
                    VaultErrorCategory.ConnectionError,
                    $"{message.RequestLine} to {message.Uri.Authority} failed: {Describe(exception)}. Check the server address (DNS name, https:// and port) and any proxy.",
                    exception);
            }
        }
    }

    /// <summary>Transport failures and timeouts that are not the caller's own cancellation.</summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken)
    {
        switch (exception)
        {
            case OperationCanceledException:
                return !callerToken.IsCancellationRequested;
            case HttpRequestException or IOException when IsPermanentTransportFailure(exception):
                return false;
            case HttpRequestException or IOException or TimeoutException:
                return true;
            case VaultApiException api:
                return IsTransient(api);
            default:
                return false;
        }
    }

    /// <summary>HTTP 5xx/429 and answers that were not a Vault envelope; a FAILURE envelope is final.</summary>
    public static bool IsTransient(VaultApiException exception) => IsTransient(exception.HttpStatus, exception.VaultErrorType);

    public static bool IsTransient(int httpStatus, string vaultErrorType)
        => httpStatus >= 500 || httpStatus == 429 || vaultErrorType == VaultErrorTypes.InvalidResponse;

    /// <summary>
    /// An unknown host name or a failed TLS handshake does not heal in seconds: retrying only delays the one clear
    /// error the user needs (wrong address, or a port that does not speak HTTPS).
    /// </summary>
    private static bool IsPermanentTransportFailure(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException
                || inner is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
            {
                return true;
            }
        }

        return false;
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders? headers)
    {
        var retryAfter = headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private string Describe(Exception exception) => exception switch
    {
        VaultApiException api when api.HttpStatus >= 400 => "HTTP " + api.HttpStatus.ToString(CultureInfo.InvariantCulture) + " " + api.VaultErrorType,
        VaultApiException api => api.VaultErrorType,
        TimeoutException timeout => timeout.Message,
        _ => redactor.Redact(Innermost(exception).Message),
    };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static VaultStagingException GaveUp(string requestLine, int attempts, TimeSpan elapsed, string cause, Exception last)
    {
        var summary = string.Format(
            CultureInfo.InvariantCulture,
            "{0} failed after {1} attempt{2} over {3:0.0} s; last error: {4}.",
            requestLine,
            attempts,
            attempts == 1 ? "" : "s",
            elapsed.TotalSeconds,
            cause);
        return last switch
        {
            VaultApiException api => new VaultApiException(api.VaultErrorType, summary + " " + api.Message, api.HttpStatus, api.ExecutionId, api) { Errors = api.Errors },
            TimeoutException => new VaultStagingException(VaultErrorIds.RequestTimeout, VaultErrorCategory.OperationTimeout, summary + " Raise the request timeout or check the network.", last),
            _ => new VaultStagingException(VaultErrorIds.ConnectionFailed, VaultErrorCategory.ConnectionError, summary + " Check the network, the server address and any proxy.", last),
        };
    }
}
