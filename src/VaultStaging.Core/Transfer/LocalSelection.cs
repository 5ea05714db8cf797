using System;
using System.Collections.Generic;
using System.IO;

namespace VaultStaging.Core.Transfer;

/// <summary>What <see cref="LocalFileSelector"/> found: the files to stage and the directory links it did not enter.</summary>
public sealed class LocalSelection
{
    private readonly List<UploadRequest> requests = new();
    private readonly HashSet<string> localPaths = new(Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    public IReadOnlyList<UploadRequest> Requests => requests;

    /// <summary>Links to directories left alone because links are not followed (say so once per run).</summary>
    public List<string> SkippedDirectoryLinks { get; } = new();

    /// <summary>Files left out by the include and exclude patterns.</summary>
    public List<string> Excluded { get; } = new();

    /// <summary>Followed links that lead back into a directory already selected (a loop), left alone.</summary>
    public List<string> LinkLoops { get; } = new();

    /// <summary>Two local files that would land on one staging path; the upload must not start while there are any.</summary>
    public IReadOnlyList<StagingPathConflict> Conflicts => StagingPathClaims.FindConflicts(requests);

    internal void Add(UploadRequest request)
    {
        if (localPaths.Add(Path.GetFullPath(request.LocalPath)))
        {
            requests.Add(request);
        }
    }
}
