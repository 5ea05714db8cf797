using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Emulator.Api;

/// <summary>Carries out an armed fault before and after the handler runs.</summary>
internal sealed class FaultEffects(EmulatorContext emulator)
{
    private const string ProxyErrorPage =
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>" +
        "<p>The proxy server received an invalid response from an upstream server.</p></body></html>";

    /// <summary>Faults that act before processing; true when the response is already settled.</summary>
    public async Task<bool> BeforeAsync(HttpContext http, FaultRule? fault, CallRecord call)
    {
        switch (fault?.Kind)
        {
            case FaultKind.DropConnection:
                await ReadSomeOfBodyAsync(http).ConfigureAwait(false);
                call.HttpStatus = 0;
                call.Settle();
                http.Abort();
                return true;
            case FaultKind.Http500:
                call.SetOutcome(StatusCodes.Status500InternalServerError, "EXCEPTION", ErrorTypes.UnexpectedError);
                call.Settle();
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await ResponseWriter.WriteJsonAsync(http, Envelope.Exception("Internal server error (injected fault).")).ConfigureAwait(false);
                return true;
            case FaultKind.Http503:
                call.SetOutcome(StatusCodes.Status503ServiceUnavailable, null, null);
                call.Settle();
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("Service Unavailable", http.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.HtmlErrorPage:
                call.SetOutcome(StatusCodes.Status502BadGateway, null, null);
                call.Settle();
                http.Response.StatusCode = StatusCodes.Status502BadGateway;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(ProxyErrorPage, http.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.ExpireLoginSession:
                var login = emulator.Logins.Validate(http.Request.Headers.Authorization);
                if (login is not null)
                {
                    emulator.Logins.RequestFinished(login);
                    emulator.Logins.Expire(login.Id);
                }

                return false;
            case FaultKind.SlowResponse:
                using (var held = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, emulator.Stopping))
                {
                    await Task.Delay(fault.Delay, held.Token).ConfigureAwait(false);
                }

                return false;
            case FaultKind.BurstExhausted:
                await Task.Delay(emulator.Limits.BurstDelay, http.RequestAborted).ConfigureAwait(false);
                http.Response.Headers["X-VaultAPI-BurstLimitRemaining"] = "0";
                http.Response.Headers["X-VaultAPI-ResponseDelay"] =
                    ((long)emulator.Limits.BurstDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Faults that act on a processed request; true when the response is already settled.</summary>
    public static bool After(HttpContext http, FaultRule? fault, ApiResult result, CallRecord call)
    {
        switch (fault?.Kind)
        {
            case FaultKind.ResetBeforeResponse:
                if (result is JsonResult processed)
                {
                    call.SetOutcome(0, processed.ResponseStatus, processed.ErrorType);
                }

                call.HttpStatus = 0;
                call.Settle();
                http.Abort();
                return true;
            case FaultKind.WrongMd5 when result is JsonResult { Body: var body } && body["data"] is JsonObject data:
                foreach (var field in new[] { "part_content_md5", "file_content_md5" })
                {
                    if (data[field] is JsonValue value && value.TryGetValue(out string? md5) && md5 is not null)
                    {
                        data[field] = (md5.StartsWith('0') ? "f" : "0") + md5[1..];
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static async Task ReadSomeOfBodyAsync(HttpContext http)
    {
        long length = http.Request.ContentLength ?? 0;
        long toRead = Math.Min(length / 2, 1024 * 1024);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            while (total < toRead)
            {
                var slice = buffer.AsMemory(0, (int)Math.Min(buffer.Length, toRead - total));
                int read = await http.Request.Body.ReadAsync(slice, http.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
