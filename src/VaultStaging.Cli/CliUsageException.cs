using System;
using VaultStaging.Core;

namespace VaultStaging.Cli;

/// <summary>The command line or configuration cannot work; reported as one line with exit code 2, before anything is uploaded.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Runs a validation step whose engine errors (missing local path, invalid staging path, file too large…)
    /// are usage errors here, whatever their category, because nothing has been sent yet.
    /// </summary>
    /// <param name="validate">The step.</param>
    /// <param name="subject">Prefixed as "cannot upload {subject}: " when the engine's message does not name the file.</param>
    public static T Check<T>(Func<T> validate, string? subject = null)
    {
        try
        {
            return validate();
        }
        catch (VaultStagingException ex)
        {
            string message = ex.Describe(CliRemedies.Instance);
            throw new CliUsageException(subject is null ? message : "cannot upload " + subject + ": " + message, ex);
        }
    }
}
