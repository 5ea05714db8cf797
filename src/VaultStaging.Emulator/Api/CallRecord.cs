using System;
using Microsoft.AspNetCore.Http;
using VaultStaging.Emulator.Auth;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Recording;

namespace VaultStaging.Emulator.Api;

/// <summary>
/// What the request log needs about one call, collected while it runs. Never holds credentials:
/// the login session is kept only to restart its idle timer.
/// </summary>
internal sealed class CallRecord(HttpContext http, DateTimeOffset timestamp, Action<CallRecord> onSettle)
{
    public string ExecutionId { get; } = Guid.NewGuid().ToString();

    public EmulatorEndpoint Endpoint { get; set; } = EmulatorEndpoint.Unknown;

    public ApiVersion? Version { get; set; }

    public int? PartNumber { get; set; }

    public LoginSession? Login { get; set; }

    public FaultKind? Fault { get; set; }

    public int HttpStatus { get; set; }

    public string? ResponseStatus { get; set; }

    public string? ErrorType { get; set; }

    private bool Settled { get; set; }

    public void SetOutcome(int status, string? responseStatus, string? errorType)
    {
        HttpStatus = status;
        ResponseStatus = responseStatus;
        ErrorType = errorType;
    }

    /// <summary>
    /// Ends the call's bookkeeping (idle timer restart, log entry) exactly once. Called just before
    /// the response goes out, so a client holding its answer can rely on both having happened.
    /// </summary>
    public void Settle()
    {
        if (!Settled)
        {
            Settled = true;
            onSettle(this);
        }
    }

    public RecordedRequest ToRecord()
    {
        var request = http.Request;
        var query = request.Query["client_id"];
        string? clientId = query.Count > 0 ? query[0] : request.Headers["X-VaultAPI-ClientID"].ToString();
        var referenceId = request.Headers["X-VaultAPI-ReferenceId"];
        return new RecordedRequest(
            timestamp,
            request.Method,
            request.Path.Value ?? "/",
            Version?.ToString(),
            Endpoint,
            PartNumber,
            request.ContentLength,
            Login?.User.Id,
            string.IsNullOrEmpty(clientId) ? null : clientId,
            referenceId.Count > 0 ? referenceId.ToString() : null,
            HttpStatus,
            ResponseStatus,
            ErrorType,
            Fault,
            ExecutionId);
    }
}
