using System;
using System.Collections.Generic;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Turns local paths into upload requests under a staging folder: a file goes to folder/name; a directory
/// (only with recurse) keeps its relative layout under folder/dirname/…. Staging paths are validated here.
/// </summary>
public static class LocalFileSelector
{
    /// <summary>Throws <see cref="VaultStagingException"/> (LocalPathNotFound, DirectoryNeedsRecurse, InvalidStagingPath) for bad input.</summary>
    public static IReadOnlyList<UploadRequest> Select(IEnumerable<string> localPaths, string stagingFolder, bool recurse)
        => throw new NotImplementedException();

    /// <summary>The staging path of one file: folder + its path relative to <paramref name="basePath"/> (or just its name).</summary>
    public static string MapToStaging(string localFile, string stagingFolder, string? basePath)
        => throw new NotImplementedException();
}
