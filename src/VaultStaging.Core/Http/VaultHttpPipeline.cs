using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Json;

namespace VaultStaging.Core.Http;

/// <summary>
/// Sends every request of a connection: adds the session and client id headers, applies the
/// per-request timeout, retries transient failures, renews a dead login session once per call,
/// feeds the rate governor and writes the log lines.
/// </summary>
internal sealed class VaultHttpPipeline : IDisposable
{
    private const string ApiTokenPrefix = "veeva-vault-";

    private long fastestRoundTripTicks = long.MaxValue;
    private readonly HttpClient http;
    private readonly TimeSpan requestTimeout;

    public VaultHttpPipeline(
        Uri server,
        string apiVersion,
        string clientId,
        HttpClient http,
        TimeSpan requestTimeout,
        RetryPolicy retry,
        RateGovernor governor,
        SessionRenewer session,
        SafeLog log,
        Redactor redactor)
    {
        Server = server;
        ApiVersion = apiVersion;
        ClientId = clientId;
        this.http = http;
        this.requestTimeout = requestTimeout;
        Retry = retry;
        Governor = governor;
        Session = session;
        Log = log;
        Redactor = redactor;
    }

    public Uri Server { get; }

    public string ApiVersion { get; }

    public string ClientId { get; }

    public RetryPolicy Retry { get; }

    public RateGovernor Governor { get; }

    public SessionRenewer Session { get; }

    public SafeLog Log { get; }

    public Redactor Redactor { get; }

    /// <summary>The ceiling on bytes per second for every body this connection sends or reads; null = none.</summary>
    public BandwidthCap? Cap { get; set; }

    /// <summary>Waits, when a cap is set, until <paramref name="bytes"/> just read from a response may be taken.</summary>
    public Task PaceReadAsync(int bytes, CancellationToken cancellationToken)
        => Cap is { } cap ? cap.WaitAsync(bytes, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The quickest request-to-headers time seen so far: the link's round trip plus the least server time, free of
    /// the client's own start-up costs once a second request was made.
    /// </summary>
    public TimeSpan? FastestRoundTrip
    {
        get
        {
            var ticks = Interlocked.Read(ref fastestRoundTripTicks);
            return ticks == long.MaxValue ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>"api/{v}/" + the given path, relative to the server root.</summary>
    public string Api(string path) => "api/" + ApiVersion + "/" + path;

    public Task<T> SendJsonAsync<T>(VaultRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : EnvelopeDto
        => SendAsync(
            request,
            async (response, context, token) =>
            {
                var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
                return ResponseEnvelopeReader.Read(body, context, typeInfo, Redactor);
            },
            cancellationToken);

    /// <summary>
    /// Sends with retries and session renewal; <paramref name="read"/> turns one response into the
    /// result or throws (a <see cref="VaultApiException"/> decides whether the call is retried).
    /// </summary>
    public async Task<T> SendAsync<T>(
        VaultRequest request,
        Func<HttpResponseMessage, ResponseContext, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var uri = Resolve(request.RelativeUri);
        var requestLine = request.Method.Method + " " + uri.AbsolutePath;
        var started = Stopwatch.StartNew();
        var renewed = false;
        var uncertain = false;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var session = request.SessionOverride
                ?? (request.Authenticated ? await Session.GetAsync(cancellationToken).ConfigureAwait(false) : null);
            TimeSpan? retryAfter = null;
            try
            {
                await Governor.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
                return await SendOnceAsync(request, uri, requestLine, session, read, ra => retryAfter = ra, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsDeadSession(exception) && request.Authenticated && request.SessionOverride is null)
            {
                if (renewed || !request.Replayable)
                {
                    throw;
                }

                if (!Session.CanRenew)
                {
                    throw SessionRenewer.SessionExpired();
                }

                renewed = true;
                Log.Warning(LogSubject.Prefix(requestLine + ": the Vault login session has expired; logging in again and repeating the request."));
                await Session.RenewAsync(session!, cancellationToken).ConfigureAwait(false);
                attempt--;
            }
            catch (VaultApiException refused) when (uncertain && !RetryPolicy.IsTransient(refused) && !IsDeadSession(refused))
            {
                refused.AfterUncertainAttempt = true;
                Log.Warning(LogSubject.Prefix(requestLine + ": Vault refused a repeat of a request whose earlier attempt may have been carried out (" + refused.VaultErrorType + ")."));
                throw;
            }
            catch (Exception exception) when (RetryPolicy.IsTransient(exception, cancellationToken))
            {
                uncertain = true;
                var cause = Describe(exception);
                var delay = Retry.DelayFor(attempt, retryAfter);
                if (!request.Replayable || !Retry.CanRetry(attempt, started.Elapsed, delay))
                {
                    throw GaveUp(requestLine, attempt, started.Elapsed, cause, exception);
                }

                Log.Warning(LogSubject.Prefix(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}{1}: attempt {2} of {3} failed ({4}); retrying in {5:0.0} s.",
                    requestLine,
                    request.Detail is null ? "" : " (" + request.Detail + ")",
                    attempt,
                    Retry.MaxAttempts,
                    cause,
                    delay.TotalSeconds)));
                request.Retried = true;
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // Not worth a retry (unknown host, failed TLS handshake): one clear error naming the server.
                throw new VaultStagingException(
                    VaultErrorIds.ConnectionFailed,
                    VaultErrorCategory.ConnectionError,
                    $"{requestLine} to {uri.Authority} failed: {Describe(exception)}. Check the server address (DNS name, https:// and port) and any proxy.",
                    exception);
            }
        }
    }

    public static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public void Dispose() => http.Dispose();

    private void ObserveRoundTrip(TimeSpan elapsed)
    {
        long seen;
        while (elapsed.Ticks < (seen = Interlocked.Read(ref fastestRoundTripTicks))
            && Interlocked.CompareExchange(ref fastestRoundTripTicks, elapsed.Ticks, seen) != seen)
        {
        }
    }

    private async Task<T> SendOnceAsync<T>(
        VaultRequest request,
        Uri uri,
        string requestLine,
        string? session,
        Func<HttpResponseMessage, ResponseContext, CancellationToken, Task<T>> read,
        Action<TimeSpan?> reportRetryAfter,
        CancellationToken cancellationToken)
    {
        using var message = BuildMessage(request, uri, session);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        Log.Verbose(requestLine + (request.Detail is null ? "" : " " + request.Detail));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            ObserveRoundTrip(watch.Elapsed);
            if (request.StreamsResponse)
            {
                timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            Governor.Observe(response.Headers, requestLine);
            reportRetryAfter(RetryAfter(response.Headers));
            var executionId = Header(response.Headers, "X-VaultAPI-ExecutionId");
            Log.Debug(string.Format(
                CultureInfo.InvariantCulture,
                "{0} → HTTP {1} in {2} ms; execution id {3}; burst remaining {4} of {5}.",
                requestLine,
                (int)response.StatusCode,
                watch.ElapsedMilliseconds,
                executionId ?? "-",
                Header(response.Headers, "X-VaultAPI-BurstLimitRemaining") ?? "-",
                Header(response.Headers, "X-VaultAPI-BurstLimit") ?? "-"));
            var context = new ResponseContext(requestLine, uri.Authority, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, executionId);
            return await read(response, context, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Format(
                CultureInfo.InvariantCulture,
                "no answer within the request timeout of {0:0.#} s",
                requestTimeout.TotalSeconds));
        }
    }

    private HttpRequestMessage BuildMessage(VaultRequest request, Uri uri, string? session)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        if (session is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", AuthorizationValue(session));
        }

        message.Headers.TryAddWithoutValidation("X-VaultAPI-ClientID", ClientId);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Headers is not null)
        {
            foreach (var header in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        var content = request.ContentFactory?.Invoke();
        message.Content = content is not null && Cap is { } cap ? new CappedContent(content, cap) : content;
        return message;
    }

    /// <summary>Session ids go raw (as VAPIL sends them); API access tokens (veeva-vault-…) as Bearer (https://general.veevavault.dev/vault-api/getting-started/authenticating/).</summary>
    internal static string AuthorizationValue(string session)
        => session.StartsWith(ApiTokenPrefix, StringComparison.Ordinal) ? "Bearer " + session : session;

    /// <summary>Relative paths resolve against the server; absolute ones (next_page) must stay on it.</summary>
    private Uri Resolve(string relativeOrAbsolute)
    {
        if (Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            if (!string.Equals(absolute.Scheme, Server.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(absolute.Authority, Server.Authority, StringComparison.OrdinalIgnoreCase))
            {
                throw new VaultStagingException(
                    VaultErrorIds.UnexpectedRedirectHost,
                    VaultErrorCategory.SecurityError,
                    $"Vault returned a link to {absolute.Scheme}://{absolute.Authority}, which is not the connected server {Server.Authority}; the session is not sent there.");
            }

            return absolute;
        }

        return new Uri(Server, relativeOrAbsolute.TrimStart('/'));
    }

    private static bool IsDeadSession(Exception exception)
        => exception is VaultApiException api
           && (api.VaultErrorType == VaultErrorTypes.InvalidSessionId || api.HttpStatus == (int)HttpStatusCode.Unauthorized);

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static string? Header(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private string Describe(Exception exception) => exception switch
    {
        VaultApiException api when api.HttpStatus >= 400 => "HTTP " + api.HttpStatus.ToString(CultureInfo.InvariantCulture) + " " + api.VaultErrorType,
        VaultApiException api => api.VaultErrorType,
        TimeoutException timeout => timeout.Message,
        _ => Redactor.Redact(Innermost(exception).Message),
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
