using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Include and exclude glob patterns, matched on a file's path relative to the folder it was selected from ('/'
/// separators): <c>*</c> any characters but '/', <c>?</c> one of them, <c>**</c> any depth, <c>[abc]</c> a class.
/// A pattern without '/' matches the file name at any depth (<c>*.tmp</c>); one with '/' matches from the folder
/// given (<c>logs/**</c>, <c>**/draft/*.pdf</c>). A file is taken when it matches no exclude and, if there are
/// includes, at least one include. Case is ignored on Windows only, as the file system does.
/// </summary>
public sealed class PathFilter
{
    private readonly List<Regex> includes;
    private readonly List<Regex> excludes;

    public PathFilter(IEnumerable<string>? include, IEnumerable<string>? exclude)
    {
        includes = (include ?? Enumerable.Empty<string>()).Select(Compile).ToList();
        excludes = (exclude ?? Enumerable.Empty<string>()).Select(Compile).ToList();
    }

    /// <summary>Takes every file.</summary>
    public static PathFilter None { get; } = new(null, null);

    public bool IsEmpty => includes.Count == 0 && excludes.Count == 0;

    /// <summary>The patterns of an --exclude-from file: one per line; blank lines and lines starting with '#' are skipped.</summary>
    public static IReadOnlyList<string> ReadPatternFile(string path)
    {
        try
        {
            return File.ReadAllLines(path)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaultStagingException(
                VaultErrorIds.PatternFileUnreadable,
                VaultErrorCategory.InvalidArgument,
                $"The pattern file '{path}' cannot be read: {e.Message}",
                e)
            {
                Target = path,
            };
        }
    }

    /// <summary>Whether the file at <paramref name="relativePath"/> (local or '/' separators) is taken.</summary>
    public bool Takes(string relativePath)
    {
        if (IsEmpty)
        {
            return true;
        }

        var path = relativePath.Replace('\\', '/').TrimStart('/');
        if (excludes.Any(p => p.IsMatch(path)))
        {
            return false;
        }

        return includes.Count == 0 || includes.Any(p => p.IsMatch(path));
    }

    private static Regex Compile(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new VaultStagingException(VaultErrorIds.InvalidPattern, VaultErrorCategory.InvalidArgument, "An include or exclude pattern is empty; give a glob such as *.tmp or logs/**.");
        }

        var glob = pattern.Trim().Replace('\\', '/');
        var anchored = glob.Contains('/');
        var regex = new StringBuilder(anchored ? "^" : "(^|/)");
        glob = glob.TrimStart('/');
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && glob.IndexOf(']', i + 1) is var close && close > i + 1)
            {
                var set = glob.Substring(i + 1, close - i - 1);
                regex.Append('[').Append(set.StartsWith("!", StringComparison.Ordinal) ? "^" + Regex.Escape(set.Substring(1)) : Regex.Escape(set)).Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        var options = RegexOptions.CultureInvariant | (Path.DirectorySeparatorChar == '\\' ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(regex.ToString(), options);
    }
}
