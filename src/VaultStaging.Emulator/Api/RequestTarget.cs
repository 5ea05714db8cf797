using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace VaultStaging.Emulator.Api;

/// <summary>Path segments of the request as the client sent them.</summary>
internal static class RequestTarget
{
    /// <summary>
    /// Splits the raw request target and percent-decodes each segment on its own, so an encoded
    /// <c>/</c> (%2F) stays inside its segment (and is later rejected as a name character), and
    /// <c>..</c> reaches the path rules instead of being normalised away by the server.
    /// </summary>
    public static List<string> Segments(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        if (Uri.TryCreate(raw, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            raw = absolute.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        }

        var parts = raw.Split('/');
        var segments = new List<string>(parts.Length);
        for (int i = 1; i < parts.Length; i++)
        {
            segments.Add(Uri.UnescapeDataString(parts[i]));
        }

        return segments;
    }
}
