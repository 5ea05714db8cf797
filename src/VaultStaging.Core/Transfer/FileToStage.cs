namespace VaultStaging.Core.Transfer;

/// <summary>
/// One local file bound for one staging path, prepared once before any request and handed to every upload step:
/// the file snapshotted (so a change before commit is caught), the staging path normalized and the server's part
/// limits resolved. The part plan is not here: it is decided where the session is created or resumed.
/// </summary>
internal sealed class FileToStage
{
    public FileToStage(LocalFileSnapshot local, string stagingPath, PartLimits limits)
    {
        Local = local;
        StagingPath = stagingPath;
        Limits = limits;
    }

    public LocalFileSnapshot Local { get; }

    public string LocalPath => Local.Path;

    public long Length => Local.Length;

    /// <summary>Normalized (<see cref="Staging.StagingPath.Normalize"/>), or for an attached session the server's spelling.</summary>
    public string StagingPath { get; }

    public PartLimits Limits { get; }

    /// <summary>
    /// Normalizes the staging path first (a name Vault would refuse fails this file alone, naming it), then takes the
    /// snapshot (LocalFileNotFound, LocalPathIsDirectory, LocalFileUnreadable).
    /// </summary>
    public static FileToStage Prepare(UploadRequest request, PartLimits limits)
    {
        string stagingPath;
        try
        {
            stagingPath = Staging.StagingPath.Normalize(request.StagingPath);
        }
        catch (VaultStagingException invalid)
        {
            throw TransferErrors.NameRefused(request.LocalPath, invalid);
        }

        return new FileToStage(LocalFileSnapshot.Take(request.LocalPath), stagingPath, limits);
    }
}
