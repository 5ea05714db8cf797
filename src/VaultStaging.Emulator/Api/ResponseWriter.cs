using System;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace VaultStaging.Emulator.Api;

/// <summary>Writes handler results to the HTTP response.</summary>
internal static class ResponseWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext http, ApiResult result, CallRecord call, ApiVersion? version, bool truncateJson)
    {
        bool statusHeader = version is { } v && v >= ApiVersion.StatusHeader;
        switch (result)
        {
            case JsonResult json:
                call.SetOutcome(StatusCodes.Status200OK, json.ResponseStatus, json.ErrorType);
                call.Settle();
                if (statusHeader)
                {
                    http.Response.Headers["X-VaultAPI-Status"] = json.ResponseStatus;
                }

                if (truncateJson)
                {
                    var text = json.Body.ToJsonString(JsonOptions);
                    http.Response.ContentType = "application/json;charset=UTF-8";
                    await http.Response.WriteAsync(text[..Math.Max(1, text.Length / 2)], http.RequestAborted).ConfigureAwait(false);
                    return;
                }

                await WriteJsonAsync(http, json.Body).ConfigureAwait(false);
                break;
            case FileResult file:
                call.SetOutcome(file.StatusCode, "SUCCESS", null);
                call.Settle();
                if (statusHeader)
                {
                    http.Response.Headers["X-VaultAPI-Status"] = "SUCCESS";
                }

                http.Response.StatusCode = file.StatusCode;
                file.SetHeaders(http.Response.Headers);
                await file.WriteBody(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    public static async Task WriteJsonAsync(HttpContext http, JsonObject body)
    {
        http.Response.ContentType = "application/json;charset=UTF-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions));
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
