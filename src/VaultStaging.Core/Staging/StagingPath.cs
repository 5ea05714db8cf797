using System;
using System.Text;

namespace VaultStaging.Core.Staging;

/// <summary>Client-side rules for staging paths (https://general.veevavault.dev/vault-api/guides/file-staging/about-paths/), checked before anything is sent.</summary>
public static class StagingPath
{
    /// <summary>File names longer than this many UTF-8 bytes are refused (the documented FTP limit, applied cautiously).</summary>
    public const int MaxNameBytes = 218;

    public const string Root = "/";

    private const string ForbiddenCharacters = "\\:*?\"<>|";

    /// <summary>
    /// Returns the normalised absolute path ("/a/b", no trailing slash, "/" for the root) or throws
    /// <see cref="VaultStagingException"/> (InvalidStagingPath) for relative paths, '..' or '.' segments,
    /// empty segments, characters the server rejects, or names over <see cref="MaxNameBytes"/>.
    /// </summary>
    public static string Normalize(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw Invalid(path ?? "", "it is empty; give an absolute path such as /folder/file.txt");
        }

        if (path[0] != '/')
        {
            throw Invalid(path, "it is relative; staging paths start with '/', e.g. /folder/file.txt");
        }

        var trimmed = path.Length > 1 && path[path.Length - 1] == '/' ? path.Substring(0, path.Length - 1) : path;
        if (trimmed == Root)
        {
            return Root;
        }

        var segments = trimmed.Substring(1).Split('/');
        foreach (var segment in segments)
        {
            CheckSegment(path, segment);
        }

        return trimmed;
    }

    /// <summary>Joins a staging folder and a relative path using '/' (local '\' separators converted).</summary>
    public static string Combine(string folder, string relativePath)
    {
        var normalizedFolder = Normalize(folder);
        var relative = (relativePath ?? "").Replace('\\', '/').TrimStart('/');
        if (relative.Length == 0)
        {
            return normalizedFolder;
        }

        return Normalize(normalizedFolder == Root ? Root + relative : normalizedFolder + "/" + relative);
    }

    /// <summary>The folder holding <paramref name="path"/>; "/" for items at the root and for the root itself.</summary>
    public static string GetParent(string path)
    {
        var normalized = Normalize(path);
        var slash = normalized.LastIndexOf('/');
        return slash <= 0 ? Root : normalized.Substring(0, slash);
    }

    /// <summary>The last segment; "" for the root.</summary>
    public static string GetName(string path)
    {
        var normalized = Normalize(path);
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }

    private static void CheckSegment(string path, string segment)
    {
        if (segment.Length == 0)
        {
            throw Invalid(path, "it contains an empty segment ('//'); remove the doubled '/'");
        }

        if (segment == "." || segment == "..")
        {
            throw Invalid(path, $"it contains a '{segment}' segment; give the full path without '.' or '..'");
        }

        foreach (var c in segment)
        {
            if (char.IsControl(c))
            {
                throw Invalid(path, $"it contains the control character U+{(int)c:X4}; rename the item");
            }

            if (ForbiddenCharacters.IndexOf(c) >= 0)
            {
                throw Invalid(path, $"it contains '{c}', which staging names may not contain (\\ : * ? \" < > |); rename the item");
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(segment);
        if (bytes > MaxNameBytes)
        {
            throw Invalid(path, $"the name '{segment}' is {bytes} UTF-8 bytes long, more than the {MaxNameBytes} allowed; shorten it");
        }
    }

    private static VaultStagingException Invalid(string path, string rule)
        => new(VaultErrorIds.InvalidStagingPath, VaultErrorCategory.InvalidArgument, $"The staging path '{path}' is not valid: {rule}.")
        {
            Target = path,
        };
}
