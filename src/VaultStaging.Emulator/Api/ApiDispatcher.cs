using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using VaultStaging.Emulator.Auth;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Emulator.Api;

/// <summary>
/// The request pipeline for every non-control URL: routing, standard response headers, burst
/// limit, faults, authentication, the handler, the Vault envelope, and the request log.
/// </summary>
internal sealed class ApiDispatcher
{
    private readonly EmulatorContext _emulator;
    private readonly ApiRouter _router;
    private readonly FaultEffects _faults;

    public ApiDispatcher(EmulatorContext emulator)
    {
        _emulator = emulator;
        _router = new ApiRouter(emulator);
        _faults = new FaultEffects(emulator);
    }

    public async Task HandleAsync(HttpContext http)
    {
        var call = new CallRecord(http, _emulator.Clock.GetUtcNow(), Settle);
        var headers = http.Response.Headers;
        headers["X-VaultAPI-ExecutionId"] = call.ExecutionId;
        try
        {
            var (route, version, routeError) = Resolve(http);
            call.Endpoint = route?.Endpoint ?? EmulatorEndpoint.Unknown;
            call.Version = version;
            call.PartNumber = int.TryParse(http.Request.Headers["X-VaultAPI-FilePartNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out int part)
                ? part
                : null;
            await ApplyBurstLimitAsync(http).ConfigureAwait(false);

            ApiResult result;
            FaultRule? fault = null;
            if (routeError is not null)
            {
                result = new JsonResult(Envelope.Failure(routeError));
            }
            else
            {
                fault = _emulator.Faults.Take(route!.Endpoint, call.PartNumber);
                call.Fault = fault?.Kind;
                if (await _faults.BeforeAsync(http, fault, call).ConfigureAwait(false))
                {
                    return;
                }

                var request = new ApiRequest(http, _emulator, version!.Value, route.Tail) { Fault = fault };
                result = route.RequiresAuth && !Authenticate(http, request, call)
                    ? new JsonResult(Envelope.Failure(ErrorTypes.InvalidSessionId, "Invalid or expired session ID."))
                    : await RunHandlerAsync(route, request).ConfigureAwait(false);

                if (FaultEffects.After(http, fault, result, call))
                {
                    return;
                }
            }

            await ResponseWriter.WriteAsync(http, result, call, version, truncateJson: fault?.Kind == FaultKind.MalformedJson).ConfigureAwait(false);
        }
        catch (Exception error) when (IsClientGone(http, error))
        {
            call.HttpStatus = 0;
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            // A bug in the emulator: report it the way Vault reports server faults.
            call.SetOutcome(StatusCodes.Status500InternalServerError, "EXCEPTION", ErrorTypes.UnexpectedError);
            call.Settle();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await ResponseWriter.WriteJsonAsync(http, Envelope.Exception(error.GetType().Name + ": " + error.Message)).ConfigureAwait(false);
        }
        finally
        {
            call.Settle();
        }
    }

    private void Settle(CallRecord call)
    {
        if (call.Login is not null)
        {
            _emulator.Logins.RequestFinished(call.Login);
        }

        _emulator.Log.Add(call.ToRecord());
    }

    private async Task ApplyBurstLimitAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        var (remaining, delay) = _emulator.Burst.Count();
        headers["X-VaultAPI-BurstLimit"] = _emulator.Burst.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-VaultAPI-BurstLimitRemaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-VaultAPI-VaultId"] = _emulator.Options.VaultId.ToString(CultureInfo.InvariantCulture);
        var referenceId = http.Request.Headers["X-VaultAPI-ReferenceId"];
        if (referenceId.Count > 0)
        {
            headers["X-VaultAPI-ReferenceId"] = referenceId;
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, http.RequestAborted).ConfigureAwait(false);
            headers["X-VaultAPI-ResponseDelay"] = ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }
    }

    private bool Authenticate(HttpContext http, ApiRequest request, CallRecord call)
    {
        var login = _emulator.Logins.Validate(http.Request.Headers.Authorization);
        if (login is null)
        {
            return false;
        }

        request.Login = login;
        call.Login = login;
        var headers = http.Response.Headers;
        headers["X-VaultAPI-UserId"] = login.User.Id.ToString(CultureInfo.InvariantCulture);
        headers["X-VaultAPI-VaultId"] = login.VaultId.ToString(CultureInfo.InvariantCulture);
        headers["X-VaultAPI-TruncatedSessionId"] = LoginSessionStore.Truncate(login.Id);
        return true;
    }

    private (RouteMatch? Route, ApiVersion? Version, VaultApiException? Error) Resolve(HttpContext http)
    {
        var segments = RequestTarget.Segments(http);
        if (segments.Count == 0 || segments[0] != "api")
        {
            return (null, null, ApiRouter.NotFound());
        }

        // GET /api and /api/ list the versions without a version segment.
        bool unversioned = segments.Count == 1 || (segments.Count == 2 && segments[1].Length == 0);
        var version = ApiVersion.Newest;
        if (!unversioned)
        {
            if (!ApiVersion.TryParse(segments[1], out version))
            {
                return (null, null, ApiRouter.NotFound());
            }

            if (!version.IsSupported)
            {
                return (null, version, new VaultApiException(ErrorTypes.MethodNotSupported, $"API version {segments[1]} is not supported."));
            }
        }

        try
        {
            var rest = unversioned ? segments.GetRange(0, 0) : segments.GetRange(2, segments.Count - 2);
            return (_router.Match(http.Request.Method, rest), version, null);
        }
        catch (VaultApiException error)
        {
            return (null, version, error);
        }
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

    private static bool IsClientGone(HttpContext http, Exception error) =>
        http.RequestAborted.IsCancellationRequested ||
        error is ConnectionResetException or BadHttpRequestException ||
        (error is IOException && error.InnerException is ConnectionResetException);
}
