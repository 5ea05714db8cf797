using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Compares the parts a session holds with the local bytes, in order: the first missing part, or the first whose
/// size or MD5 differs, is where sending resumes. The source feeds what it reads to the whole-file digest, if any.
/// </summary>
internal static class ResumePointFinder
{
    public static async Task<ResumePoint> FindAsync(
        IReadOnlyList<UploadedPart> serverParts, PartSource source, PartPlan plan, CancellationToken cancellationToken)
    {
        var byNumber = serverParts.GroupBy(p => p.PartNumber).ToDictionary(g => g.Key, g => g.Last());
        for (var partNumber = 1; partNumber <= plan.PartCount; partNumber++)
        {
            if (!byNumber.TryGetValue(partNumber, out var held))
            {
                return new ResumePoint(partNumber, Mismatch: false);
            }

            if (held.Size != plan.LengthOf(partNumber))
            {
                return new ResumePoint(partNumber, Mismatch: true);
            }

            var local = await source.HashAsync(partNumber, cancellationToken).ConfigureAwait(false);
            if (!Md5.HexEquals(held.Md5, local))
            {
                return new ResumePoint(partNumber, Mismatch: true);
            }
        }

        return new ResumePoint(plan.PartCount + 1, Mismatch: false);
    }
}

/// <summary>The first part to send; <c>Mismatch</c> when the server holds that part with other bytes (the local file changed).</summary>
internal readonly record struct ResumePoint(int Next, bool Mismatch);
