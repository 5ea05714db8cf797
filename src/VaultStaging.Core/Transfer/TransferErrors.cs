using System;
using System.Collections.Generic;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>The transfer engine's own errors: one place for their ids, categories and wording.</summary>
internal static class TransferErrors
{
    public static VaultStagingException LocalFileNotFound(string localPath)
        => Error(VaultErrorIds.LocalFileNotFound, VaultErrorCategory.ObjectNotFound, localPath,
            $"The local file '{localPath}' does not exist. Check the path.");

    public static VaultStagingException LocalPathNotFound(string localPath)
        => Error(VaultErrorIds.LocalPathNotFound, VaultErrorCategory.ObjectNotFound, localPath,
            $"The local path '{localPath}' does not exist. Check the path.");

    public static VaultStagingException LocalPathIsDirectory(string localPath)
        => Error(VaultErrorIds.LocalPathIsDirectory, VaultErrorCategory.InvalidArgument, localPath,
            $"'{localPath}' is a directory, not a file. Select the files in it (recursively if needed).");

    public static VaultStagingException DirectoryNeedsRecurse(string localPath)
        => Error(VaultErrorIds.DirectoryNeedsRecurse, VaultErrorCategory.InvalidArgument, localPath,
            $"'{localPath}' is a directory.",
            remedies: new[] { new Remedy(RemedyAction.Recurse, "to stage the files below it, keeping their layout") });

    public static VaultStagingException LocalPathOutsideBase(string localPath, string basePath)
        => Error(VaultErrorIds.LocalPathOutsideBase, VaultErrorCategory.InvalidArgument, localPath,
            $"'{localPath}' is not below the base path '{basePath}', so its staging layout cannot be derived. Choose a base path that contains it.");

    public static VaultStagingException LocalFileUnreadable(string localPath, Exception inner)
        => Error(VaultErrorIds.LocalFileUnreadable, VaultErrorCategory.PermissionDenied, localPath,
            $"The local file '{localPath}' cannot be read: {inner.Message} Close any program that holds it open for writing, or check its permissions.",
            inner);

    public static VaultStagingException LocalFileChanged(string localPath)
        => Error(VaultErrorIds.LocalFileChanged, VaultErrorCategory.InvalidData, localPath,
            $"The local file '{localPath}' changed while it was being staged (its size or last-write time differs from the start), so it was not committed. "
            + "Run the upload again once the file is no longer being written; verified parts that still match are kept.");

    public static VaultStagingException SessionSizeMismatch(string localPath, long localSize, long sessionSize)
        => Error(VaultErrorIds.SessionSizeMismatch, VaultErrorCategory.InvalidArgument, localPath,
            $"The local file '{localPath}' is {localSize:N0} bytes but the upload session was created for {sessionSize:N0} bytes. Attach the session to the file it was created for.");

    public static VaultStagingException SessionIncompatible(string localPath, string stagingPath)
        => Error(VaultErrorIds.SessionIncompatible, VaultErrorCategory.InvalidData, localPath,
            $"The upload session for '{stagingPath}' holds parts that do not fit a valid part layout for '{localPath}'. Abort the session and upload the file again.");

    public static VaultStagingException SessionIncomplete(string localPath, int nextPart, int partCount)
        => Error(VaultErrorIds.SessionIncomplete, VaultErrorCategory.InvalidArgument, localPath,
            $"The upload of '{localPath}' cannot be committed: part {nextPart} of {partCount} has not been sent yet. Send the remaining parts first.");

    public static VaultStagingException PartUploadFailed(string localPath, int partNumber, int partCount, int attempts, Exception inner)
        => Error(VaultErrorIds.PartUploadFailed, VaultErrorCategory.ConnectionError, localPath,
            $"Part {partNumber} of {partCount} of '{localPath}' could not be sent after {attempts} attempt(s): {inner.Message} "
            + "Run the same upload again to resume from this part.",
            inner);

    public static VaultStagingException StagingItemExists(string localPath, string stagingPath)
        => Error(VaultErrorIds.StagingItemExists, VaultErrorCategory.ResourceExists, localPath,
            $"'{stagingPath}' already exists on the staging server, so '{localPath}' was not staged.",
            remedies: new[]
            {
                new Remedy(RemedyAction.Update, "to replace it when the local file differs"),
                new Remedy(RemedyAction.Overwrite, "to replace it always"),
                new Remedy(RemedyAction.SkipExisting, "to leave it when it is identical"),
            });

    public static VaultStagingException StagedCopyDiffers(string localPath, string stagingPath, long localSize, DateTime localWriteUtc, StagingItem staged)
        => Error(VaultErrorIds.StagedCopyDiffers, VaultErrorCategory.ResourceExists, localPath,
            $"'{stagingPath}' is staged but differs from '{localPath}' ({StagedCopy.Difference(localSize, localWriteUtc, staged)}), so it was neither skipped nor replaced.",
            remedies: new[]
            {
                new Remedy(RemedyAction.Update, "to replace staged copies that differ"),
                new Remedy(RemedyAction.Overwrite, "to replace every staged copy"),
            });

    public static VaultStagingException DuplicateStagingPath(string localPath, string otherLocalPath, string stagingPath)
        => Error(VaultErrorIds.DuplicateStagingPath, VaultErrorCategory.InvalidArgument, localPath,
            $"'{localPath}' and '{otherLocalPath}' would both be staged as '{stagingPath}' (staging paths do not distinguish upper and lower case), so neither was staged. "
            + "Rename one of them or stage them into different folders.");

    public static VaultStagingException NameRefused(string localPath, VaultStagingException invalidPath)
        => Error(invalidPath.ErrorId, invalidPath.Category, localPath, $"'{localPath}' was not staged: {invalidPath.Summary}");

    public static VaultStagingException StagedCopyNotRemoved(string localPath, string stagingPath, string detail, Exception inner)
        => Error(VaultErrorIds.StagedCopyCorrupt, VaultErrorCategory.InvalidData, localPath,
            $"'{stagingPath}' did not verify after it was staged ({detail}) and could not be removed ({inner.Message}). Delete it or stage the file again with overwrite before any run relies on it.",
            inner);

    public static VaultStagingException StagedCopyCorrupt(string localPath, string stagingPath, string detail)
        => Error(VaultErrorIds.StagedCopyCorrupt, VaultErrorCategory.InvalidData, localPath,
            $"'{stagingPath}' did not verify after it was staged ({detail}); the bad copy was removed so no later run can take it for good. Run the upload again.");

    public static VaultStagingException StagingPathIsFolder(string localPath, string stagingPath)
        => Error(VaultErrorIds.StagingPathIsFolder, VaultErrorCategory.ResourceExists, localPath,
            $"'{stagingPath}' is a folder on the staging server, so '{localPath}' cannot be staged there. Choose another staging path.");

    public static VaultStagingException StagedSizeMismatch(string localPath, string stagingPath, long localSize, long? stagedSize)
        => Error(VaultErrorIds.StagedSizeMismatch, VaultErrorCategory.InvalidData, localPath,
            stagedSize is { } size
                ? $"'{stagingPath}' was committed but holds {size:N0} bytes instead of the {localSize:N0} bytes of '{localPath}'. Upload the file again with overwrite."
                : $"'{stagingPath}' was committed but is not on the staging server after its job finished. Upload '{localPath}' again.");

    public static VaultStagingException SessionLimitReached(string localPath, TimeSpan waited, Exception inner)
        => Error(VaultErrorIds.SessionLimitReached, VaultErrorCategory.LimitsExceeded, localPath,
            $"No upload session could be created for '{localPath}': the vault stayed at its limit of active upload sessions for {waited.TotalMinutes:0.#} min. "
            + "Commit or abort sessions that are no longer needed and run the upload again.",
            inner,
            new[] { new Remedy(RemedyAction.ListSessions, "to see the active sessions") });

    public static VaultStagingException UploadSessionLost(string localPath, string stagingPath)
        => Error(VaultErrorIds.UploadSessionExpired, VaultErrorCategory.InvalidData, localPath,
            $"The upload session for '{stagingPath}' ended on the server (Vault purges sessions 72 h after they are created) and a fresh session ended too. Run the upload again.");

    public static VaultStagingException AdminPathForNonAdmin(string localPath, string stagingPath, string userName)
        => Error(VaultErrorIds.AdminPathForNonAdmin, VaultErrorCategory.InvalidArgument, localPath,
            $"'{stagingPath}' is how an admin addresses a user's home, but {userName} is not an admin: your staging root '/' is already your home, so '{localPath}' was not staged. "
            + $"Drop the /u<id> prefix (e.g. '{NonAdminSpelling(stagingPath)}').");

    public static VaultStagingException Unexpected(string localPath, Exception inner)
        => Error(VaultErrorIds.UploadFailed, VaultErrorCategory.NotSpecified, localPath,
            $"Staging '{localPath}' failed unexpectedly ({inner.GetType().Name}: {inner.Message}). Run it again; report the problem if it repeats.",
            inner);

    /// <summary>
    /// The error with <paramref name="target"/> as its target when it has none (e.g. a part-plan error, which knows no file).
    /// A message that does not name the file gets it in front; a Vault API error keeps its type, status and errors
    /// (callers branch on them).
    /// </summary>
    public static VaultStagingException WithTarget(VaultStagingException error, string target)
    {
        if (error.Target is not null)
        {
            return error;
        }

        var message = error.Summary.Contains(target) ? error.Summary : $"Staging '{target}' failed: {error.Summary}";
        return error switch
        {
            VaultApiException api => new VaultApiException(api.VaultErrorType, message, api.HttpStatus, api.ExecutionId, api)
            {
                Errors = api.Errors,
                Target = target,
                AfterUncertainAttempt = api.AfterUncertainAttempt,
                Remedies = api.Remedies,
            },
            _ when error.GetType() == typeof(VaultStagingException) => Error(error.ErrorId, error.Category, target, message, error.InnerException, error.Remedies),
            _ => error,
        };
    }

    private static string NonAdminSpelling(string adminPath)
    {
        var rest = adminPath.IndexOf('/', 1);
        return rest < 0 ? "/" : adminPath.Substring(rest);
    }

    private static VaultStagingException Error(
        string id, VaultErrorCategory category, string target, string message, Exception? inner = null, IReadOnlyList<Remedy>? remedies = null)
        => new(id, category, message, inner) { Target = target, Remedies = remedies ?? Array.Empty<Remedy>() };
}
