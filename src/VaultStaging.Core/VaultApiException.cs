using System;
using System.Collections.Generic;

namespace VaultStaging.Core;

/// <summary>
/// Vault answered with responseStatus FAILURE/EXCEPTION (usually HTTP 200), or with an HTTP error status.
/// Carries the Vault error type (branch on it, never on the message), the HTTP status and the
/// X-VaultAPI-ExecutionId to quote in a support ticket.
/// </summary>
public sealed class VaultApiException : VaultStagingException
{
    public VaultApiException(string vaultErrorType, string message, int httpStatus, string? executionId, Exception? innerException = null)
        : base(ErrorIdFor(vaultErrorType), CategoryFor(vaultErrorType), message, innerException)
    {
        VaultErrorType = vaultErrorType;
        HttpStatus = httpStatus;
        ExecutionId = executionId;
    }

    /// <summary>The first errors[].type, e.g. INVALID_SESSION_ID; or HTTP_{status} / INVALID_RESPONSE for non-envelope answers.</summary>
    public string VaultErrorType { get; }

    public int HttpStatus { get; }

    public string? ExecutionId { get; }

    /// <summary>Every (type, message) pair Vault returned.</summary>
    public IReadOnlyList<VaultError> Errors { get; init; } = Array.Empty<VaultError>();

    /// <summary>
    /// True when this answer came to a repeat of the request after an attempt whose outcome is unknown
    /// (connection lost, timeout, unreadable answer): that attempt may have been carried out, so e.g.
    /// a commit refused now may have succeeded then. Check the server's state before treating it as failed.
    /// </summary>
    public bool AfterUncertainAttempt { get; internal init; }

    internal static string ErrorIdFor(string vaultErrorType) => VaultErrorIds.VaultApiPrefix + PascalCase(vaultErrorType);

    internal static VaultErrorCategory CategoryFor(string vaultErrorType) => vaultErrorType switch
    {
        VaultErrorTypes.InvalidSessionId or VaultErrorTypes.UsernameOrPasswordIncorrect or VaultErrorTypes.NoPasswordProvided
            or VaultErrorTypes.InactiveUser or VaultErrorTypes.UserLockedOut or VaultErrorTypes.PasswordChangeRequired
            => VaultErrorCategory.AuthenticationError,
        VaultErrorTypes.InsufficientAccess => VaultErrorCategory.PermissionDenied,
        VaultErrorTypes.ItemNameExists => VaultErrorCategory.ResourceExists,
        VaultErrorTypes.MalformedUrl => VaultErrorCategory.ObjectNotFound,
        VaultErrorTypes.ApiLimitExceeded => VaultErrorCategory.LimitsExceeded,
        VaultErrorTypes.InvalidData or VaultErrorTypes.ParameterRequired => VaultErrorCategory.InvalidArgument,
        VaultErrorTypes.InvalidResponse => VaultErrorCategory.ProtocolError,
        _ when vaultErrorType.StartsWith("HTTP_", StringComparison.Ordinal) => VaultErrorCategory.ConnectionError,
        _ => VaultErrorCategory.NotSpecified,
    };

    private static readonly char[] Underscore = { '_' };

    private static string PascalCase(string upperSnake)
    {
        var parts = upperSnake.ToLowerInvariant().Split(Underscore, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
        }

        return string.Concat(parts);
    }
}

/// <summary>One entry of the envelope's errors[] array.</summary>
public sealed record VaultError(string Type, string Message);

/// <summary>The Vault error types the engine branches on (https://general.veevavault.dev/vault-api/api-reference/26.2/errors/error-types/).</summary>
public static class VaultErrorTypes
{
    public const string InvalidSessionId = "INVALID_SESSION_ID";
    public const string UsernameOrPasswordIncorrect = "USERNAME_OR_PASSWORD_INCORRECT";
    public const string NoPasswordProvided = "NO_PASSWORD_PROVIDED";
    public const string InactiveUser = "INACTIVE_USER";
    public const string UserLockedOut = "USER_LOCKED_OUT";
    public const string PasswordChangeRequired = "PASSWORD_CHANGE_REQUIRED";
    public const string InsufficientAccess = "INSUFFICIENT_ACCESS";
    public const string ItemNameExists = "ITEM_NAME_EXISTS";
    public const string MalformedUrl = "MALFORMED_URL";
    public const string ApiLimitExceeded = "API_LIMIT_EXCEEDED";
    public const string InvalidData = "INVALID_DATA";
    public const string ParameterRequired = "PARAMETER_REQUIRED";
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
    public const string OperationInProgress = "OPERATION_IN_PROGRESS";

    /// <summary>Not a Vault type: the body was not a Vault envelope (HTML proxy page, truncated JSON).</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";
}
