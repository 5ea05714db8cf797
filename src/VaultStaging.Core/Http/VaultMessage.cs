using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// One call on its way through the <see cref="VaultPipelinePolicy"/> chain: the request, what the policies learned
/// about it so far (attempt, session, whether an earlier attempt may have been carried out) and the current answer.
/// </summary>
internal sealed class VaultMessage
{
    private readonly Func<HttpResponseMessage, ResponseContext, CancellationToken, Task> read;

    public VaultMessage(
        VaultRequest request,
        Uri uri,
        Func<HttpResponseMessage, ResponseContext, CancellationToken, Task> read,
        CancellationToken cancellationToken)
    {
        Request = request;
        Uri = uri;
        RequestLine = request.Method.Method + " " + uri.AbsolutePath;
        this.read = read;
        CancellationToken = cancellationToken;
        AttemptToken = cancellationToken;
    }

    public VaultRequest Request { get; }

    public Uri Uri { get; }

    /// <summary>"PUT /api/v26.1/…", for messages.</summary>
    public string RequestLine { get; }

    /// <summary>The caller's token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The caller's token, joined by the request timeout while an attempt runs.</summary>
    public CancellationToken AttemptToken { get; set; }

    /// <summary>When the first attempt started, on the connection's clock (a timestamp).</summary>
    public long? Started { get; set; }

    /// <summary>The current attempt's timeout, while it runs.</summary>
    public CancellationTokenSource? AttemptTimeout { get; set; }

    /// <summary>1-based; a repeat after a session renewal is the same attempt.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>An earlier attempt failed in a way that may have reached the server, so it may have been carried out.</summary>
    public bool AfterUncertainAttempt { get; set; }

    /// <summary>The login session was renewed during this call (once per call at most).</summary>
    public bool SessionRenewed { get; set; }

    /// <summary>The session id sent with the current attempt; null for unauthenticated requests.</summary>
    public string? Session { get; set; }

    /// <summary>The current attempt's answer, from the moment its headers arrived; null before.</summary>
    public HttpResponseMessage? Response { get; set; }

    /// <summary>How long the current attempt's headers took to arrive (real time: it measures the link).</summary>
    public TimeSpan HeadersTime { get; set; }

    /// <summary>The HTTP request of the current attempt, kept (with its body) until the answer has been read.</summary>
    public HttpRequestMessage? SentRequest { get; set; }

    /// <summary>Releases the current attempt's request and answer; the answer's headers stay readable.</summary>
    public void EndAttempt()
    {
        Response?.Dispose();
        SentRequest?.Dispose();
        SentRequest = null;
    }

    /// <summary>Turns the answer into the caller's result (or throws); called once per answered attempt.</summary>
    public Task ReadAsync(HttpResponseMessage response, ResponseContext context, CancellationToken cancellationToken)
        => read(response, context, cancellationToken);
}
