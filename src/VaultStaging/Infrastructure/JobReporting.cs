using System;
using System.Management.Automation;
using VaultStaging.Core;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module;

/// <summary>Writes a finished job: a failed one is also an error, so scripts can count failures.</summary>
internal static class JobReporting
{
    public static void Write(VaultCmdlet cmdlet, VaultJob job, object target)
    {
        if (job.IsFailed)
        {
            var message = $"Vault job {job.Id} ended {job.Status}. The staging server was not changed by it; check the job in Vault and run the command again.";
            cmdlet.WriteError(new VaultErrorInfo(VaultErrorIds.VaultJobFailed, ErrorCategory.InvalidResult, message, target)
                .ToErrorRecord(new InvalidOperationException(message)));
        }

        cmdlet.WriteObject(job);
    }
}
