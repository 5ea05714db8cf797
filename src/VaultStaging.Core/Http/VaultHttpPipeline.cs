using System;
using System.IO;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Json;

namespace VaultStaging.Core.Http;

/// <summary>
/// Sends every request of a connection through one chain of small policies, composed here and nowhere else:
/// session renewal → retry → rate governor → request timeout → response reading → log → HTTP transport.
/// Every wait (retry delays, the governor's spacing, bandwidth) runs on the connection's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class VaultHttpPipeline : IDisposable
{
    private readonly HttpTransport transport;
    private readonly VaultPipelinePolicy[] policies;

    public VaultHttpPipeline(
        Uri server,
        string apiVersion,
        string clientId,
        HttpClient http,
        TimeSpan requestTimeout,
        RetryOptions retry,
        TimeProvider time,
        SessionRenewer session,
        SafeLog log,
        Redactor redactor)
    {
        Server = server;
        ApiVersion = apiVersion;
        ClientId = clientId;
        Time = time;
        Governor = new RateGovernor(log, time);
        Session = session;
        Log = log;
        Redactor = redactor;
        transport = new HttpTransport(http, clientId);
        policies = new VaultPipelinePolicy[]
        {
            new SessionRenewalPolicy(session, log),
            new RetryPolicy(new RetryBackoff(retry), time, log, redactor),
            new RateGovernorPolicy(Governor),
            new RequestTimeoutPolicy(requestTimeout),
            new ResponseReadPolicy(),
            new RequestLogPolicy(log),
            transport,
        };
    }

    public Uri Server { get; }

    public string ApiVersion { get; }

    public string ClientId { get; }

    /// <summary>The connection's one source of time and delay.</summary>
    public TimeProvider Time { get; }

    public RateGovernor Governor { get; }

    public SessionRenewer Session { get; }

    public SafeLog Log { get; }

    public Redactor Redactor { get; }

    /// <summary>The ceiling on bytes per second for every body this connection sends or reads; null = none.</summary>
    public BandwidthCap? Cap
    {
        get => transport.Cap;
        set => transport.Cap = value;
    }

    /// <summary>
    /// The quickest request-to-headers time seen so far: the link's round trip plus the least server time, free of
    /// the client's own start-up costs once a second request was made.
    /// </summary>
    public TimeSpan? FastestRoundTrip => transport.FastestRoundTrip;

    /// <summary>Waits, when a cap is set, until <paramref name="bytes"/> just read from a response may be taken.</summary>
    public Task PaceReadAsync(int bytes, CancellationToken cancellationToken)
        => Cap is { } cap ? cap.WaitAsync(bytes, cancellationToken) : Task.CompletedTask;

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
        var result = default(T)!;
        var message = new VaultMessage(
            request,
            Resolve(request.RelativeUri),
            async (response, context, token) => result = await read(response, context, token).ConfigureAwait(false),
            cancellationToken);
        await ProcessAsync(message, 0).ConfigureAwait(false);
        return result;
    }

    public static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public void Dispose() => transport.Dispose();

    private Task ProcessAsync(VaultMessage message, int index)
        => policies[index].ProcessAsync(message, () => ProcessAsync(message, index + 1));

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
}
