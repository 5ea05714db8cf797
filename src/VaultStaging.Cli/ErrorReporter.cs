using System;
using VaultStaging.Core;

namespace VaultStaging.Cli;

/// <summary>
/// Turns any exception that reaches the top into one line on stderr (never a stack trace) and an exit code.
/// Engine errors carry their own what/why/what-to-do message; the category decides between 1 and 2.
/// </summary>
internal static class ErrorReporter
{
    public const string Prefix = "vaultstaging: ";

    public static int Report(Exception exception, CliConsole console, bool verbose)
    {
        console.WriteErrorLine(Prefix + Describe(exception));
        if (verbose)
        {
            for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            {
                console.WriteErrorLine(Prefix + "  caused by " + inner.GetType().Name + ": " + OneLine(inner.Message));
            }
        }

        return ExitCodeFor(exception);
    }

    public static int ExitCodeFor(Exception exception) => exception switch
    {
        CliUsageException => ExitCodes.UsageError,
        OperationCanceledException => ExitCodes.Cancelled,
        VaultStagingException { Category: VaultErrorCategory.OperationStopped } => ExitCodes.Cancelled,
        VaultStagingException engine when IsConfigurationError(engine) => ExitCodes.UsageError,
        _ => ExitCodes.Failure,
    };

    /// <summary>
    /// Errors that mean "fix the command line or the configuration": credentials Vault refuses, an insecure or
    /// unusable server address, and arguments the engine rejects before sending anything. What the server says
    /// about an item or session (not found, invalid) is a failure of the run (1), not of the command line.
    /// </summary>
    private static bool IsConfigurationError(VaultStagingException exception) => exception.Category switch
    {
        VaultErrorCategory.AuthenticationError or VaultErrorCategory.SecurityError or VaultErrorCategory.NotConnected => true,
        VaultErrorCategory.InvalidArgument => exception is not VaultApiException,
        _ => false,
    };

    /// <summary>The text after "vaultstaging: ", on one line.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        CliUsageException usage => OneLine(usage.Message),
        OperationCanceledException => "cancelled.",
        VaultApiException api when api.ExecutionId is not null => OneLine(api.Describe(CliRemedies.Instance)) + " (Vault execution id " + api.ExecutionId + ")",
        VaultStagingException engine => OneLine(engine.Describe(CliRemedies.Instance)),
        _ => "unexpected error (" + exception.GetType().Name + "): " + OneLine(exception.Message)
            + " Run again with --verbose for details, and report it if it persists.",
    };

    public static string OneLine(string text)
        => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Trim();
}
