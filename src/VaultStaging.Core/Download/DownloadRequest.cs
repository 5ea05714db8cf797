using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Download;

/// <summary>One staged file and the local path it is saved to.</summary>
public sealed class DownloadRequest
{
    public DownloadRequest(StagingItem item, string localPath)
    {
        Item = item;
        LocalPath = localPath;
    }

    /// <summary>The file as listed (its size and modified date are what the download is checked against).</summary>
    public StagingItem Item { get; }

    /// <summary>Full local path of the finished file.</summary>
    public string LocalPath { get; }

    public string StagingPath => Item.Path;

    /// <summary>The name the bytes are written to until they are complete and checked; an interrupted run resumes from it.</summary>
    public string PartialPath => PartialPathFor(LocalPath);

    public static string PartialPathFor(string localPath) => localPath + ".vaultstaging-partial";
}
