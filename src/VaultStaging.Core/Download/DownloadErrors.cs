using System;
using System.IO;

namespace VaultStaging.Core.Download;

/// <summary>The download engine's own errors: one place for their ids, categories and wording.</summary>
public static class DownloadErrors
{
    internal static VaultStagingException LocalFileExists(string localPath)
        => Error(VaultErrorIds.LocalFileExists, VaultErrorCategory.ResourceExists, localPath,
            $"The local file '{localPath}' already exists and was left alone. Keep it with --skip-existing (-SkipExisting), "
            + "replace it when the staged file is newer with --update (-Update), or always with --overwrite (-Overwrite).");

    internal static VaultStagingException StagingItemNotFound(string stagingPath) => Staging.StagingItemRules.NotFound(stagingPath);

    internal static VaultStagingException StagingFolderNeedsRecurse(string stagingPath)
        => Error(VaultErrorIds.StagingFolderNeedsRecurse, VaultErrorCategory.InvalidArgument, stagingPath,
            $"{stagingPath} is a folder. Use the recurse option to download everything below it, keeping its layout.");

    internal static VaultStagingException UnsafeLocalName(string stagingPath, string name)
        => Error(VaultErrorIds.UnsafeLocalName, VaultErrorCategory.InvalidData, stagingPath,
            $"The staged item {stagingPath} has a name ('{name}') that cannot be used as a local file name here, so it was not downloaded. Rename it on the staging server first.");

    internal static VaultStagingException DuplicateLocalPath(string stagingPath, string localPath)
        => Error(VaultErrorIds.DuplicateLocalPath, VaultErrorCategory.InvalidArgument, stagingPath,
            $"{stagingPath} would be saved as '{localPath}', where another file of this run goes. Download it in a separate run into another folder.");

    internal static VaultStagingException SizeMismatch(string stagingPath, long expected, long actual)
        => Error(VaultErrorIds.DownloadSizeMismatch, VaultErrorCategory.InvalidData, stagingPath,
            $"The download of {stagingPath} has {actual:N0} bytes but the listing said {expected:N0}; the file may have changed on the server meanwhile. "
            + "The partial file was discarded; download it again.");

    internal static VaultStagingException Md5Mismatch(string stagingPath, string expected, string actual)
        => Error(VaultErrorIds.DownloadMd5Mismatch, VaultErrorCategory.InvalidData, stagingPath,
            $"The download of {stagingPath} has MD5 {actual} but Vault reported {expected}; it was discarded. Download it again.");

    internal static VaultStagingException LocalWriteFailed(string localPath, Exception inner)
        => Error(VaultErrorIds.LocalFileWriteFailed, VaultErrorCategory.PermissionDenied, localPath,
            $"'{localPath}' cannot be written: {inner.Message} Check the folder's permissions and free space.",
            inner);

    internal static VaultStagingException Unexpected(string stagingPath, Exception inner)
        => inner as VaultStagingException
           ?? (inner is IOException or UnauthorizedAccessException
               ? Error(VaultErrorIds.LocalFileWriteFailed, VaultErrorCategory.PermissionDenied, stagingPath, $"Saving {stagingPath} failed: {inner.Message}", inner)
               : Error(VaultErrorIds.UnexpectedError, VaultErrorCategory.NotSpecified, stagingPath, $"Downloading {stagingPath} failed unexpectedly: {inner.Message}", inner));

    private static VaultStagingException Error(string id, VaultErrorCategory category, string target, string message, Exception? inner = null)
        => new(id, category, message, inner) { Target = target };
}
