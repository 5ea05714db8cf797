using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace VaultStaging.Emulator.Link;

/// <summary>
/// Puts every API exchange behind a <see cref="LinkProfile"/>: half the round trip before the request is handled
/// (the request crossing), half before the response starts (the answer crossing), and both bodies paced to the
/// link's rate, uplink and downlink each shared by all connections. The control endpoints (<c>/_emulator/…</c>)
/// stay unshaped.
/// </summary>
internal sealed class LinkShaper
{
    private readonly TimeSpan halfTrip;
    private readonly LinkPacer? uplink;
    private readonly LinkPacer? downlink;

    public LinkShaper(LinkProfile link)
    {
        halfTrip = link.RoundTrip / 2;
        if (link.BytesPerSecond is { } rate)
        {
            uplink = new LinkPacer(rate);
            downlink = new LinkPacer(rate);
        }
    }

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        if (uplink is not null)
        {
            http.Request.Body = new PacedStream(http.Request.Body, uplink);
        }

        if (downlink is not null)
        {
            http.Response.Body = new PacedStream(http.Response.Body, downlink);
        }

        if (halfTrip > TimeSpan.Zero)
        {
            http.Response.OnStarting(() => Task.Delay(halfTrip));
            await Task.Delay(halfTrip, http.RequestAborted).ConfigureAwait(false);
        }

        await next(http).ConfigureAwait(false);
    }
}
