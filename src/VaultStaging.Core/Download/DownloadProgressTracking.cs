using System;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Core.Download;

/// <summary>Feeds downloads to the progress tracker the uploads use (Transfer may not import Download).</summary>
public static class DownloadProgressTracking
{
    /// <summary>A download's report: the first one of a file gives the bytes already on disk; growth after it is this run's.</summary>
    public static void Observe(this TransferProgressTracker tracker, DownloadProgress progress)
    {
        if (tracker is null || progress is null)
        {
            throw new ArgumentNullException(tracker is null ? nameof(tracker) : nameof(progress));
        }

        tracker.Observe(progress.LocalPath, progress.BytesDone, givesHeldBytes: true);
    }
}
