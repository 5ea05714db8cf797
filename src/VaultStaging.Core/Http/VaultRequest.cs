using System;
using System.Collections.Generic;
using System.Net.Http;

namespace VaultStaging.Core.Http;

/// <summary>
/// A request described so the pipeline can send it again: the body is built by
/// <see cref="ContentFactory"/> for every attempt, the login session is added per attempt.
/// </summary>
internal sealed class VaultRequest
{
    public VaultRequest(HttpMethod method, string relativeUri)
    {
        Method = method;
        RelativeUri = relativeUri;
    }

    public HttpMethod Method { get; }

    /// <summary>Relative to the server root ("api/v26.1/…"), or absolute for next_page links (same host only).</summary>
    public string RelativeUri { get; }

    /// <summary>Builds a fresh body per attempt; null for no body.</summary>
    public Func<HttpContent?>? ContentFactory { get; init; }

    /// <summary>Extra request headers such as X-VaultAPI-FilePartNumber.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>False for /auth: no session header, no session renewal.</summary>
    public bool Authenticated { get; init; } = true;

    /// <summary>Overrides the connection's session (used to end a stray session).</summary>
    public string? SessionOverride { get; init; }

    /// <summary>Appended to the log line, e.g. "part 3, 16.0 MiB".</summary>
    public string? Detail { get; init; }

    /// <summary>When the response body is streamed, the request timeout only covers the headers.</summary>
    public bool StreamsResponse { get; init; }

    /// <summary>Set by the pipeline when an attempt failed in a way that may have reached the server and the request was sent again.</summary>
    public bool Retried { get; set; }

    /// <summary>Cleared when the body (or the response sink) cannot be repeated; then no retry is made.</summary>
    public bool Replayable { get; set; } = true;
}
