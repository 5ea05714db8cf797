using System;
using System.Collections.Generic;

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

    /// <summary>What the user can do, as data: each front end names the remedies with its own switches.</summary>
    public IReadOnlyList<Remedy> Remedies { get; init; } = Array.Empty<Remedy>();

    /// <summary>What failed and why, without the remedies.</summary>
    public string Summary => base.Message;

    /// <summary>The summary and the remedies in host-neutral words.</summary>
    public override string Message => Describe(RemedyVocabulary.Neutral);

    /// <summary>The summary and the remedies named as <paramref name="vocabulary"/>'s front end spells them.</summary>
    public string Describe(RemedyVocabulary vocabulary)
        => Remedies.Count == 0 ? Summary : Summary + " " + vocabulary.Render(Remedies);
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
