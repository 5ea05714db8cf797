namespace VaultStaging.Core.Transfer;

/// <summary>A snapshot of one file's transfer, reported through IProgress (no console dependency).</summary>
public sealed class UploadProgress
{
    public string LocalPath { get; init; } = "";

    public string StagingPath { get; init; } = "";

    public UploadStage Stage { get; init; }

    public long BytesTotal { get; init; }

    /// <summary>Bytes the server holds verified, including parts kept from an earlier run.</summary>
    public long BytesDone { get; init; }

    public int PartsTotal { get; init; }

    public int PartsDone { get; init; }
}

public enum UploadStage
{
    Preparing,
    Resuming,
    Uploading,
    Committing,
    WaitingForJob,
    Done,
}
