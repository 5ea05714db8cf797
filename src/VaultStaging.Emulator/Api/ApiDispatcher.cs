using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VaultStaging.Emulator.Auth;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Recording;

namespace VaultStaging.Emulator.Api;

/// <summary>
/// The request pipeline for every non-control URL: routing, standard response headers, burst
/// limit, faults, authentication, the handler, the Vault envelope, and the request log.
/// </summary>
internal sealed class ApiDispatcher
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly EmulatorContext _emulator;
    private readonly ApiRouter _router;

    public ApiDispatcher(EmulatorContext emulator)
    {
        _emulator = emulator;
        _router = new ApiRouter(emulator);
    }

    public async Task HandleAsync(HttpContext http)
    {
        var call = new CallRecord(http, _emulator.Clock.GetUtcNow());
        var headers = http.Response.Headers;
        headers["X-VaultAPI-ExecutionId"] = call.ExecutionId;
        try
        {
            var (route, version, routeError) = Resolve(http);
            call.Endpoint = route?.Endpoint ?? EmulatorEndpoint.Unknown;
            call.Version = version;
            call.PartNumber = ParsePartNumberForLog(http.Request.Headers["X-VaultAPI-FilePartNumber"]);

            var (remaining, burstDelay) = _emulator.Burst.Count();
            headers["X-VaultAPI-BurstLimit"] = _emulator.Burst.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-VaultAPI-BurstLimitRemaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-VaultAPI-VaultId"] = _emulator.Options.VaultId.ToString(CultureInfo.InvariantCulture);
            EchoReferenceId(http);
            if (burstDelay > TimeSpan.Zero)
            {
                await Task.Delay(burstDelay, http.RequestAborted).ConfigureAwait(false);
                headers["X-VaultAPI-ResponseDelay"] = ((long)burstDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }

            ApiResult result;
            if (routeError is not null)
            {
                result = new JsonResult(Envelope.Failure(routeError));
            }
            else
            {
                var request = new ApiRequest(http, _emulator, version!.Value, route!.Tail)
                {
                    Fault = _emulator.Faults.Take(route.Endpoint, call.PartNumber),
                };
                call.Fault = request.Fault?.Kind;
                if (await ApplyFaultBeforeAsync(http, request, call).ConfigureAwait(false))
                {
                    return;
                }

                if (route.RequiresAuth)
                {
                    var login = _emulator.Logins.Validate(http.Request.Headers.Authorization);
                    call.Login = login;
                    if (login is not null)
                    {
                        request.Login = login;
                        call.UserId = login.User.Id;
                        headers["X-VaultAPI-UserId"] = login.User.Id.ToString(CultureInfo.InvariantCulture);
                        headers["X-VaultAPI-VaultId"] = login.VaultId.ToString(CultureInfo.InvariantCulture);
                        headers["X-VaultAPI-TruncatedSessionId"] = LoginSessionStore.Truncate(login.Id);
                    }
                }

                result = route.RequiresAuth && call.Login is null
                    ? new JsonResult(Envelope.Failure(ErrorTypes.InvalidSessionId, "Invalid or expired session ID.")) 
                    : await RunHandlerAsync(route, request).ConfigureAwait(false);

                if (ApplyFaultAfter(http, request, result, call))
                {
                    return;
                }
            }

            await WriteAsync(http, result, call, version).ConfigureAwait(false);
        }
        catch (Exception error) when (IsClientGone(http, error))
        {
            call.HttpStatus = 0;
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            // A bug in the emulator: report it the way Vault reports server faults.
            call.SetOutcome(500, "EXCEPTION", ErrorTypes.UnexpectedError);
            Settle(call);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await WriteJsonAsync(http, Envelope.Exception(error.GetType().Name + ": " + error.Message)).ConfigureAwait(false);
        }
        finally
        {
            Settle(call);
        }
    }

    /// <summary>
    /// Ends the request's bookkeeping (idle timer restart, log entry) exactly once. Called just before
    /// the response goes out, so a client that has its answer can rely on both having happened.
    /// </summary>
    private void Settle(CallRecord call)
    {
        if (call.Settled)
        {
            return;
        }

        call.Settled = true;
        if (call.Login is not null)
        {
            _emulator.Logins.RequestFinished(call.Login);
        }

        _emulator.Log.Add(call.ToRecord());
    }

    private (RouteMatch? Route, ApiVersion? Version, VaultApiException? Error) Resolve(HttpContext http)
    {
        var segments = RawSegments(http);
        if (segments.Count == 0 || segments[0] != "api")
        {
            return (null, null, ApiRouter.NotFound());
        }

        // GET /api and /api/ list the versions without a version segment.
        if (segments.Count == 1 || (segments.Count == 2 && segments[1].Length == 0))
        {
            try
            {
                return (_router.Match(http.Request.Method, Array.Empty<string>()), ApiVersion.Newest, null);
            }
            catch (VaultApiException error)
            {
                return (null, ApiVersion.Newest, error);
            }
        }

        if (!ApiVersion.TryParse(segments[1], out var version))
        {
            return (null, null, ApiRouter.NotFound());
        }

        if (!version.IsSupported)
        {
            return (null, version, new VaultApiException(ErrorTypes.MethodNotSupported, $"API version {segments[1]} is not supported."));
        }

        try
        {
            var route = _router.Match(http.Request.Method, segments.GetRange(2, segments.Count - 2));
            return (route, version, null);
        }
        catch (VaultApiException error)
        {
            return (null, version, error);
        }
    }

    /// <summary>
    /// Splits the raw request target and percent-decodes each segment on its own, so an encoded
    /// <c>/</c> (%2F) stays inside its segment (and is later rejected as a name character).
    /// </summary>
    private static List<string> RawSegments(HttpContext http)
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

    private async Task<ApiResult> RunHandlerAsync(RouteMatch route, ApiRequest request)
    {
        try
        {
            _emulator.Jobs.RunDue();
            return await route.Handler(request).ConfigureAwait(false);
        }
        catch (VaultApiException error)
        {
            return new JsonResult(Envelope.Failure(error));
        }
    }

    /// <summary>Faults that act before processing; true when the response is already settled.</summary>
    private async Task<bool> ApplyFaultBeforeAsync(HttpContext http, ApiRequest request, CallRecord call)
    {
        var fault = request.Fault;
        if (fault is null)
        {
            return false;
        }

        switch (fault.Kind)
        {
            case FaultKind.DropConnection:
                await ReadSomeOfBodyAsync(http).ConfigureAwait(false);
                call.HttpStatus = 0;
                Settle(call);
                http.Abort();
                return true;
            case FaultKind.Http500:
                call.SetOutcome(500, "EXCEPTION", ErrorTypes.UnexpectedError);
                Settle(call);
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await WriteJsonAsync(http, Envelope.Exception("Internal server error (injected fault).")).ConfigureAwait(false);
                return true;
            case FaultKind.Http503:
                call.SetOutcome(503, null, null);
                Settle(call);
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("Service Unavailable", http.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.HtmlErrorPage:
                call.SetOutcome(502, null, null);
                Settle(call);
                http.Response.StatusCode = StatusCodes.Status502BadGateway;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(
                    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>",
                    http.RequestAborted).ConfigureAwait(false);
                return true;
            case FaultKind.ExpireLoginSession:
                var login = _emulator.Logins.Validate(http.Request.Headers.Authorization);
                if (login is not null)
                {
                    _emulator.Logins.RequestFinished(login);
                    _emulator.Logins.Expire(login.Id);
                }

                return false;
            case FaultKind.SlowResponse:
                await Task.Delay(fault.Delay, http.RequestAborted).ConfigureAwait(false);
                return false;
            case FaultKind.BurstExhausted:
                await Task.Delay(_emulator.Limits.BurstDelay, http.RequestAborted).ConfigureAwait(false);
                http.Response.Headers["X-VaultAPI-BurstLimitRemaining"] = "0";
                http.Response.Headers["X-VaultAPI-ResponseDelay"] =
                    ((long)_emulator.Limits.BurstDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Faults that act on a processed request; true when the response is already settled.</summary>
    private bool ApplyFaultAfter(HttpContext http, ApiRequest request, ApiResult result, CallRecord call)
    {
        switch (request.Fault?.Kind)
        {
            case FaultKind.ResetBeforeResponse:
                if (result is JsonResult processed)
                {
                    call.ResponseStatus = processed.ResponseStatus;
                    call.ErrorType = processed.ErrorType;
                }

                call.HttpStatus = 0;
                Settle(call);
                http.Abort();
                return true;
            case FaultKind.WrongMd5 when result is JsonResult { Body: var body } && body["data"] is JsonObject data:
                foreach (var field in new[] { "part_content_md5", "file_content_md5" })
                {
                    if (data[field] is JsonValue value && value.TryGetValue(out string? md5) && md5 is not null)
                    {
                        data[field] = WrongMd5(md5);
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private async Task WriteAsync(HttpContext http, ApiResult result, CallRecord call, ApiVersion? version)
    {
        switch (result)
        {
            case JsonResult json:
                call.SetOutcome(200, json.ResponseStatus, json.ErrorType);
                Settle(call);
                if (version is { } v && v >= ApiVersion.StatusHeader)
                {
                    http.Response.Headers["X-VaultAPI-Status"] = json.ResponseStatus;
                }

                if (call.Fault == FaultKind.MalformedJson)
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
                Settle(call);
                if (version is { } fv && fv >= ApiVersion.StatusHeader)
                {
                    http.Response.Headers["X-VaultAPI-Status"] = "SUCCESS";
                }

                http.Response.StatusCode = file.StatusCode;
                file.SetHeaders(http.Response.Headers);
                await file.WriteBody(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    private static async Task WriteJsonAsync(HttpContext http, JsonObject body)
    {
        http.Response.ContentType = "application/json;charset=UTF-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions));
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
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
                int read = await http.Request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, toRead - total)), http.RequestAborted).ConfigureAwait(false);
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

    private static void EchoReferenceId(HttpContext http)
    {
        var referenceId = http.Request.Headers["X-VaultAPI-ReferenceId"];
        if (referenceId.Count > 0)
        {
            http.Response.Headers["X-VaultAPI-ReferenceId"] = referenceId;
        }
    }

    private static string WrongMd5(string md5) =>
        md5.StartsWith('0') ? "f" + md5[1..] : "0" + md5[1..];

    private static int? ParsePartNumberForLog(string? header) =>
        int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;

    private static bool IsClientGone(HttpContext http, Exception error) =>
        http.RequestAborted.IsCancellationRequested ||
        error is ConnectionResetException or BadHttpRequestException ||
        (error is IOException && error.InnerException is ConnectionResetException);

    /// <summary>Collects what the request log needs while the request runs; never holds credentials.</summary>
    private sealed class CallRecord(HttpContext http, DateTimeOffset timestamp)
    {
        public string ExecutionId { get; } = Guid.NewGuid().ToString();

        public EmulatorEndpoint Endpoint { get; set; } = EmulatorEndpoint.Unknown;

        public ApiVersion? Version { get; set; }

        public int? PartNumber { get; set; }

        public long? UserId { get; set; }

        public FaultKind? Fault { get; set; }

        public int HttpStatus { get; set; }

        public LoginSession? Login { get; set; }

        public bool Settled { get; set; }

        public string? ResponseStatus { get; set; }

        public string? ErrorType { get; set; }

        public void SetOutcome(int status, string? responseStatus, string? errorType)
        {
            HttpStatus = status;
            ResponseStatus = responseStatus;
            ErrorType = errorType;
        }

        public RecordedRequest ToRecord()
        {
            var request = http.Request;
            var query = request.Query["client_id"];
            string? clientId = query.Count > 0 ? query[0] : request.Headers["X-VaultAPI-ClientID"].ToString();
            return new RecordedRequest(
                timestamp,
                request.Method,
                request.Path.Value ?? "/",
                Version?.ToString(),
                Endpoint,
                PartNumber,
                request.ContentLength,
                UserId,
                string.IsNullOrEmpty(clientId) ? null : clientId,
                request.Headers["X-VaultAPI-ReferenceId"].Count > 0 ? request.Headers["X-VaultAPI-ReferenceId"].ToString() : null,
                HttpStatus,
                ResponseStatus,
                ErrorType,
                Fault,
                ExecutionId);
        }
    }
}
