namespace VaultStaging.Core.Transfer;

/// <summary>One local file and where it goes.</summary>
public sealed record UploadRequest(string LocalPath, string StagingPath);
