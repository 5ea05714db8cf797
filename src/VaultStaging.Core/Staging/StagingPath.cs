using System;

namespace VaultStaging.Core.Staging;

/// <summary>Client-side rules for staging paths (REFERENCE §8), checked before anything is sent.</summary>
public static class StagingPath
{
    /// <summary>File names longer than this many UTF-8 bytes are refused (the documented FTP limit, applied cautiously).</summary>
    public const int MaxNameBytes = 218;

    /// <summary>
    /// Returns the normalised absolute path ("/a/b", no trailing slash, "/" for the root) or throws
    /// <see cref="VaultStagingException"/> (InvalidStagingPath) for relative paths, '..' or '.' segments,
    /// empty segments, characters the server rejects, or names over <see cref="MaxNameBytes"/>.
    /// </summary>
    public static string Normalize(string path) => throw new NotImplementedException();

    /// <summary>Joins a staging folder and a relative path using '/' (local '\' separators converted).</summary>
    public static string Combine(string folder, string relativePath) => throw new NotImplementedException();

    public static string GetParent(string path) => throw new NotImplementedException();

    public static string GetName(string path) => throw new NotImplementedException();
}
