using System;
using System.Collections.Generic;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>Two local files that map to one staging path (the same name from two folders, or names differing only in case).</summary>
public sealed record StagingPathConflict(string LocalPath, string OtherLocalPath, string StagingPath)
{
    public VaultStagingException ToError() => TransferErrors.DuplicateStagingPath(LocalPath, OtherLocalPath, StagingPath);
}

/// <summary>
/// Which local file claimed each staging path. Paths are compared without regard to case (the cautious reading: the
/// emulator, like Windows, treats such names as one item), so two sources never become two "staged" lines and one file.
/// </summary>
public sealed class StagingPathClaims
{
    private readonly Dictionary<string, string> owners = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Claims the request's staging path; returns the conflict when another local file holds it already.</summary>
    public StagingPathConflict? Claim(UploadRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var key = Key(request.StagingPath);
        if (owners.TryGetValue(key, out var owner))
        {
            return string.Equals(owner, request.LocalPath, StringComparison.Ordinal)
                ? null
                : new StagingPathConflict(request.LocalPath, owner, request.StagingPath);
        }

        owners.Add(key, request.LocalPath);
        return null;
    }

    /// <summary>Every conflict in <paramref name="requests"/>, each later file paired with the first that claimed the path.</summary>
    public static IReadOnlyList<StagingPathConflict> FindConflicts(IEnumerable<UploadRequest> requests)
    {
        var claims = new StagingPathClaims();
        var conflicts = new List<StagingPathConflict>();
        foreach (var request in requests)
        {
            if (claims.Claim(request) is { } conflict)
            {
                conflicts.Add(conflict);
            }
        }

        return conflicts;
    }

    /// <summary>A path that does not normalize keys as written: it fails on its own later.</summary>
    private static string Key(string stagingPath)
    {
        try
        {
            return StagingPath.Normalize(stagingPath);
        }
        catch (VaultStagingException)
        {
            return stagingPath;
        }
    }
}
