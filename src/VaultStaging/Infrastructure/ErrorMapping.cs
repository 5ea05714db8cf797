using System;
using System.IO;
using System.Management.Automation;
using VaultStaging.Core;

namespace VaultStaging.Module;

/// <summary>What PowerShell needs to report an error: plain data, so the mapping is testable without a pipeline.</summary>
public sealed class VaultErrorInfo
{
    public VaultErrorInfo(string errorId, ErrorCategory category, string message, object? target)
    {
        ErrorId = errorId;
        Category = category;
        Message = message;
        Target = target;
    }

    /// <summary>Stable PascalCase id; PowerShell appends the cmdlet type to form the FullyQualifiedErrorId.</summary>
    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    public string Message { get; }

    public object? Target { get; }

    public ErrorRecord ToErrorRecord(Exception exception)
    {
        var record = new ErrorRecord(exception, ErrorId, Category, Target);
        if (!string.Equals(exception.Message, Message, StringComparison.Ordinal))
        {
            record.ErrorDetails = new ErrorDetails(Message);
        }

        return record;
    }
}

/// <summary>The one translation from engine exceptions to PowerShell errors.</summary>
public static class ErrorMapping
{
    public static VaultErrorInfo Map(Exception exception, object? target)
    {
        switch (exception)
        {
            case VaultStagingException vault:
                return new VaultErrorInfo(vault.ErrorId, CategoryOf(vault.Category), vault.Describe(ModuleRemedies.Instance), (object?)vault.Target ?? target);
            case OperationCanceledException:
                return new VaultErrorInfo(VaultErrorIds.OperationStopped, ErrorCategory.OperationStopped, "The operation was stopped before it finished.", target);
            case UnauthorizedAccessException:
                return new VaultErrorInfo(VaultErrorIds.LocalFileAccessDenied, ErrorCategory.PermissionDenied, exception.Message, target);
            case FileNotFoundException:
            case DirectoryNotFoundException:
                return new VaultErrorInfo(VaultErrorIds.LocalPathNotFound, ErrorCategory.ObjectNotFound, exception.Message, target);
            case IOException:
                return new VaultErrorInfo(VaultErrorIds.LocalFileReadFailed, ErrorCategory.ReadError, exception.Message, target);
            case ArgumentException:
                return new VaultErrorInfo(VaultErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, exception.Message, target);
            default:
                return new VaultErrorInfo(VaultErrorIds.UnexpectedError, ErrorCategory.NotSpecified, exception.Message, target);
        }
    }

    /// <summary>As <see cref="Map"/>, but the target is always the local file, even when the engine named the staging path.</summary>
    public static VaultErrorInfo MapForLocalFile(Exception exception, string localPath)
    {
        var mapped = Map(exception, localPath);
        return new VaultErrorInfo(mapped.ErrorId, mapped.Category, mapped.Message, localPath);
    }

    public static ErrorCategory CategoryOf(VaultErrorCategory category) => category switch
    {
        VaultErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
        VaultErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
        VaultErrorCategory.ResourceExists => ErrorCategory.ResourceExists,
        VaultErrorCategory.AuthenticationError => ErrorCategory.AuthenticationError,
        VaultErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
        VaultErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
        VaultErrorCategory.ProtocolError => ErrorCategory.ProtocolError,
        VaultErrorCategory.LimitsExceeded => ErrorCategory.LimitsExceeded,
        VaultErrorCategory.InvalidData => ErrorCategory.InvalidData,
        VaultErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
        VaultErrorCategory.OperationStopped => ErrorCategory.OperationStopped,
        VaultErrorCategory.NotConnected => ErrorCategory.InvalidOperation,
        VaultErrorCategory.SecurityError => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>The terminating error of every cmdlet that needs a connection when there is none.</summary>
    public static VaultErrorInfo NotConnected() => new(
        VaultErrorIds.NotConnected,
        ErrorCategory.InvalidOperation,
        "Not connected to a Vault. Run Connect-Vault -Server <vault DNS name> -Credential (Get-Credential) first.",
        null);

    /// <summary>The terminating error for a -Connection that Disconnect-Vault has ended.</summary>
    public static VaultErrorInfo ConnectionClosed(string connection) => new(
        VaultErrorIds.ConnectionClosed,
        ErrorCategory.InvalidOperation,
        $"The connection {connection} was ended by Disconnect-Vault. Run Connect-Vault -PassThru again and use the new connection.",
        connection);
}
