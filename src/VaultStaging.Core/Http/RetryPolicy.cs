using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;

namespace VaultStaging.Core.Http;

/// <summary>
/// Decides whether a failed attempt is worth another and how long to wait: exponential backoff with
/// full jitter (a random delay in [0, min(MaxDelay, BaseDelay·2^(n-1))]), a Retry-After the server
/// sent wins, bounded by MaxAttempts and MaxTotal.
/// </summary>
internal sealed class RetryPolicy
{
    private readonly RetryOptions options;
    private readonly Random random;
    private readonly object gate = new();

    public RetryPolicy(RetryOptions options, Random? random = null)
    {
        this.options = options;
        this.random = random ?? new Random();
    }

    public int MaxAttempts => Math.Max(1, options.MaxAttempts);

    /// <summary>The upper bound of the jittered delay after the given failed attempt (1-based).</summary>
    public TimeSpan CeilingFor(int failedAttempt)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var ticks = options.BaseDelay.Ticks * Math.Pow(2, exponent);
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.MaxDelay.Ticks));
    }

    public TimeSpan DelayFor(int failedAttempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } serverAsked && serverAsked > TimeSpan.Zero)
        {
            return serverAsked;
        }

        double fraction;
        lock (gate)
        {
            fraction = random.NextDouble();
        }

        return TimeSpan.FromTicks((long)(CeilingFor(failedAttempt).Ticks * fraction));
    }

    /// <summary>True when another attempt fits in both the attempt and the time budget.</summary>
    public bool CanRetry(int failedAttempt, TimeSpan elapsed, TimeSpan delay)
        => failedAttempt < MaxAttempts && elapsed + delay <= options.MaxTotal;

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

    /// <summary>HTTP 5xx/429 and answers that were not a Vault envelope; a FAILURE envelope is final.</summary>
    public static bool IsTransient(VaultApiException exception)
        => exception.HttpStatus >= 500 || exception.HttpStatus == 429
           || exception.VaultErrorType == VaultErrorTypes.InvalidResponse;
}
