using System;
using System.Collections.Generic;
using System.Text;
using VaultStaging.Emulator.Api;
using VaultStaging.Emulator.Auth;

namespace VaultStaging.Emulator.Staging;

/// <summary>
/// Translates between what a user writes and root-view paths, and enforces name rules.
/// Admins see the real root (and write <c>/u{id}/...</c>); a non-Admin's root is their home <c>u{id}</c>.
/// </summary>
internal static class PathRules
{
    /// <summary>FTP limit from Vault Help, applied to the REST API as the strict reading (UNCONFIRMED there).</summary>
    public const int MaxNameBytes = 218;

    // UNCONFIRMED which characters the REST API refuses: strict reading rejects what is unsafe on
    // common file systems (Windows' reserved characters and control characters).
    private const string ForbiddenCharacters = "\\/:*?\"<>|";

    /// <summary>Parses a path from a form field; a leading <c>/</c> is optional and one trailing <c>/</c> is tolerated.</summary>
    public static StagingPath FromUserText(string? text, EmulatorUser user, string fieldName)
    {
        if (text is null)
        {
            throw new VaultApiException(ErrorTypes.ParameterRequired, $"Missing required parameter [{fieldName}].");
        }

        var trimmed = text.StartsWith('/') ? text[1..] : text;
        if (trimmed.EndsWith('/'))
        {
            trimmed = trimmed[..^1];
        }

        var segments = trimmed.Length == 0 ? Array.Empty<string>() : trimmed.Split('/');
        return FromSegments(segments, user);
    }

    /// <summary>Builds a path from URL segments that were already percent-decoded one by one.</summary>
    public static StagingPath FromUrlSegments(IReadOnlyList<string> decodedSegments, EmulatorUser user)
    {
        var segments = new List<string>(decodedSegments);
        if (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return FromSegments(segments, user);
    }

    /// <summary>The path as <paramref name="user"/> spells it.</summary>
    public static string ToUserView(StagingPath path, EmulatorUser user, bool folderSlash = false)
    {
        var view = user.IsAdmin ? path : path.RelativeTo(Home(user));
        var text = view.ToString();
        return folderSlash && !view.IsRoot ? text + "/" : text;
    }

    public static StagingPath Home(EmulatorUser user) => new(new[] { UserDirectory.HomeFolderName(user) });

    /// <summary>The root of <paramref name="user"/>'s view: the real root for Admins, the home otherwise.</summary>
    public static StagingPath ViewRoot(EmulatorUser user) => user.IsAdmin ? StagingPath.Root : Home(user);

    public static void ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "Path contains an empty segment.");
        }

        if (name is "." or "..")
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"Path segment '{name}' is not allowed.");
        }

        foreach (char c in name)
        {
            if (char.IsControl(c) || ForbiddenCharacters.Contains(c, StringComparison.Ordinal))
            {
                throw new VaultApiException(
                    ErrorTypes.InvalidData,
                    $"Name '{Printable(name)}' contains a character that is not allowed (\\ / : * ? \" < > | or a control character).");
            }
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"Name is longer than {MaxNameBytes} bytes (UTF-8).");
        }
    }

    private static StagingPath FromSegments(IReadOnlyList<string> segments, EmulatorUser user)
    {
        foreach (var segment in segments)
        {
            ValidateName(segment);
        }

        var root = ViewRoot(user);
        var combined = new List<string>(root.Segments);
        combined.AddRange(segments);
        return new StagingPath(combined);
    }

    private static string Printable(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
