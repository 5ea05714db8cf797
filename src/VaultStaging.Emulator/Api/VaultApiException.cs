using System;

namespace VaultStaging.Emulator.Api;

/// <summary>A request rejected the Vault way: HTTP 200, <c>responseStatus</c> FAILURE, one error.</summary>
internal sealed class VaultApiException : Exception
{
    public VaultApiException(string errorType, string message, string? topLevelErrorType = null)
        : base(message)
    {
        ErrorType = errorType;
        TopLevelErrorType = topLevelErrorType;
    }

    public string ErrorType { get; }

    /// <summary>Auth failures also carry a top-level <c>errorType</c> (e.g. AUTHENTICATION_FAILED).</summary>
    public string? TopLevelErrorType { get; }
}
