using System;

namespace VaultStaging.Core;

/// <summary>
/// Base of every error the engine reports. <see cref="ErrorId"/> is a stable PascalCase id and
/// <see cref="Category"/> a host-neutral category, so front ends (CLI, cmdlets) map errors as data.
/// Messages say what failed, why and what to do; they never contain a session id, token or password.
/// </summary>
public class VaultStagingException : Exception
{
    public VaultStagingException(string errorId, VaultErrorCategory category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
    }

    public string ErrorId { get; }

    public VaultErrorCategory Category { get; }

    /// <summary>The local file or staging path the error is about, when there is one.</summary>
    public string? Target { get; init; }
}

/// <summary>Host-neutral error categories; the module maps them to PowerShell's ErrorCategory.</summary>
public enum VaultErrorCategory
{
    NotSpecified,
    InvalidArgument,
    ObjectNotFound,
    ResourceExists,
    AuthenticationError,
    PermissionDenied,
    ConnectionError,
    ProtocolError,
    LimitsExceeded,
    InvalidData,
    OperationTimeout,
    OperationStopped,
    NotConnected,
    SecurityError,
}
