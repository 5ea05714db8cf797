using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// The end of the pipeline: builds the HTTP request (session, client id, extra headers, a fresh body through the
/// bandwidth cap), sends it and leaves the answer, headers read, on the message. Remembers the quickest round trip.
/// </summary>
internal sealed class HttpTransport : VaultPipelinePolicy, IDisposable
{
    private const string ApiTokenPrefix = "veeva-vault-";

    private readonly HttpClient http;
    private readonly string clientId;
    private long fastestRoundTripTicks = long.MaxValue;

    public HttpTransport(HttpClient http, string clientId)
    {
        this.http = http;
        this.clientId = clientId;
    }

    /// <summary>The ceiling on bytes per second for every body this connection sends; null = none.</summary>
    public BandwidthCap? Cap { get; set; }

    /// <summary>The quickest request-to-headers time seen so far; null before the first answer.</summary>
    public TimeSpan? FastestRoundTrip
    {
        get
        {
            var ticks = Interlocked.Read(ref fastestRoundTripTicks);
            return ticks == long.MaxValue ? null : TimeSpan.FromTicks(ticks);
        }
    }

    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        var request = Build(message);
        message.SentRequest = request;

        // Real time: this measures the link, whatever clock drives the waits.
        var watch = Stopwatch.StartNew();
        message.Response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, message.AttemptToken).ConfigureAwait(false);
        message.HeadersTime = watch.Elapsed;
        ObserveRoundTrip(watch.Elapsed);
    }

    public void Dispose() => http.Dispose();

    /// <summary>Session ids go raw (as VAPIL sends them); API access tokens (veeva-vault-…) as Bearer (Vault REST API docs, Authentication).</summary>
    internal static string AuthorizationValue(string session)
        => session.StartsWith(ApiTokenPrefix, StringComparison.Ordinal) ? "Bearer " + session : session;

    private HttpRequestMessage Build(VaultMessage message)
    {
        var request = message.Request;
        var built = new HttpRequestMessage(request.Method, message.Uri);
        if (message.Session is { } session)
        {
            built.Headers.TryAddWithoutValidation("Authorization", AuthorizationValue(session));
        }

        built.Headers.TryAddWithoutValidation("X-VaultAPI-ClientID", clientId);
        built.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Headers is not null)
        {
            foreach (var header in request.Headers)
            {
                built.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        var content = request.ContentFactory?.Invoke();
        built.Content = content is not null && Cap is { } cap ? new CappedContent(content, cap) : content;
        return built;
    }

    private void ObserveRoundTrip(TimeSpan elapsed)
    {
        long seen;
        while (elapsed.Ticks < (seen = Interlocked.Read(ref fastestRoundTripTicks))
            && Interlocked.CompareExchange(ref fastestRoundTripTicks, elapsed.Ticks, seen) != seen)
        {
        }
    }
}
