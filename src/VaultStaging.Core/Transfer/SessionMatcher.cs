using System;
using System.Collections.Generic;
using System.Linq;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>Decides whether an active session can carry on a local file, and with which part layout.</summary>
internal static class SessionMatcher
{
    /// <summary>True when the server's spelling of the session path is the staging path asked for.</summary>
    public static bool IsFor(UploadSessionInfo session, string normalizedPath) => PathOf(session) == normalizedPath;

    /// <summary>The session's path normalized (the server may leave out the leading '/'); null when it does not normalize.</summary>
    public static string? PathOf(UploadSessionInfo session)
    {
        try
        {
            return StagingPath.Normalize(session.Path.StartsWith("/", StringComparison.Ordinal) ? session.Path : "/" + session.Path);
        }
        catch (VaultStagingException)
        {
            return null;
        }
    }

    /// <summary>
    /// The plan to continue with: ours, or the one the session was started with when its part 1 shows another
    /// (valid) part size, e.g. after the default changed. Null when the parts fit no valid plan.
    /// </summary>
    public static PartPlan? PlanFor(PartPlan preferred, IReadOnlyList<UploadedPart> parts, PartLimits limits)
    {
        var plan = preferred;
        var first = parts.FirstOrDefault(p => p.PartNumber == 1);
        if (first is not null && first.Size != plan.LengthOf(1) && first.Size < plan.FileSize)
        {
            try
            {
                var adopted = PartPlan.Create(plan.FileSize, limits, first.Size);
                if (adopted.PartSize == first.Size)
                {
                    plan = adopted;
                }
            }
            catch (VaultStagingException)
            {
                // The session's part size is not valid under these limits: the parts cannot be kept.
            }
        }

        return parts.All(p => p.PartNumber >= 1 && p.PartNumber <= plan.PartCount) ? plan : null;
    }
}
