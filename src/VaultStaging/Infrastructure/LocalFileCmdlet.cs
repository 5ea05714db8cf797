using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using VaultStaging.Core;

namespace VaultStaging.Module;

/// <summary>
/// Cmdlets that read local files: -Path (wildcards) and -LiteralPath (piped FileInfo binds here through FullName/PSPath)
/// share one field and are resolved through the session's provider paths.
/// </summary>
public abstract class LocalFileCmdlet : VaultServerCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    private readonly HashSet<string> _fromWildcard = new(StringComparer.Ordinal);
    private string[] _paths = Array.Empty<string>();
    private bool _literal;

    /// <summary>Local files to read; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path
    {
        get => _paths;
        set
        {
            _paths = value;
            _literal = false;
        }
    }

    /// <summary>
    /// Local files to read, used exactly as typed ([ and ] are not wildcards). Piped files bind here (FullName, PSPath),
    /// and so do the LocalPath of Send-VaultFile results, also read back with Import-Csv.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName", "LocalPath")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath
    {
        get => _paths;
        set
        {
            _paths = value;
            _literal = true;
        }
    }

    /// <summary>Resolves the bound paths to existing file-system paths; anything else is a per-item error.</summary>
    protected IEnumerable<string> ResolveLocalPaths()
    {
        foreach (var path in _paths)
        {
            foreach (var resolved in Resolve(path))
            {
                if (File.Exists(resolved) || Directory.Exists(resolved))
                {
                    yield return resolved;
                }
                else
                {
                    OnLocalPathError(NotFound(resolved, $"Cannot find the local file '{resolved}'. Check the path; use -LiteralPath for names with [ or ]."));
                }
            }
        }
    }

    /// <summary>True when <paramref name="resolvedPath"/> was matched by a -Path wildcard rather than named as it is.</summary>
    protected bool CameFromWildcard(string resolvedPath) => _fromWildcard.Contains(resolvedPath);

    /// <summary>Reports a local path that cannot be used. Send-VaultFile also outputs a Failed result for it.</summary>
    protected virtual void OnLocalPathError(VaultErrorInfo error)
        => WriteError(error.ToErrorRecord(new ItemNotFoundException(error.Message)));

    private IReadOnlyList<string> Resolve(string path)
    {
        try
        {
            ProviderInfo provider;
            IReadOnlyList<string> resolved;
            if (_literal)
            {
                resolved = new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _) };
            }
            else
            {
                resolved = ResolveWildcard(path, out provider);
            }

            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                OnLocalPathError(new VaultErrorInfo(VaultErrorIds.NotFileSystemPath, ErrorCategory.InvalidArgument, $"'{path}' is on the {provider.Name} provider; only files on the file system can be staged.", path));
                return Array.Empty<string>();
            }

            return resolved;
        }
        catch (Exception exception) when (exception is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSArgumentException or NotSupportedException)
        {
            OnLocalPathError(NotFound(TryProviderPath(path), $"Cannot find the local path '{path}': {exception.Message}"));
            return Array.Empty<string>();
        }
    }

    /// <summary>
    /// Expands a -Path wildcard. When it matches nothing but a file has that very name ("[draft] a.txt": the brackets
    /// are a wildcard), that file is used; when nothing has the name either, a warning says nothing was staged for it.
    /// </summary>
    private IReadOnlyList<string> ResolveWildcard(string path, out ProviderInfo provider)
    {
        Collection<string> matches;
        try
        {
            matches = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
        }
        catch (WildcardPatternException)
        {
            matches = new Collection<string>();
            provider = null!;
        }

        var hasWildcards = WildcardPattern.ContainsWildcardCharacters(path);
        if (matches.Count > 0 || !hasWildcards)
        {
            if (hasWildcards)
            {
                _fromWildcard.UnionWith(matches);
            }

            return matches;
        }

        var literal = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var literalProvider, out _);
        provider ??= literalProvider;
        var isFileSystem = string.Equals(literalProvider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);
        switch (LocalInputRules.ForWildcard(matches.Count, isFileSystem && (File.Exists(literal) || Directory.Exists(literal))))
        {
            case WildcardOutcome.UseLiteralPath:
                WriteVerbose($"-Path '{path}' matched nothing as a wildcard; using the file of that very name, '{literal}'. Use -LiteralPath for names with [ or ].");
                return new[] { literal };
            default:
                WriteWarning($"-Path '{path}' matched no file, and no file has that name; it is skipped.");
                return matches;
        }
    }

    private string TryProviderPath(string path)
    {
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception exception) when (exception is RuntimeException or NotSupportedException or ArgumentException)
        {
            return path;
        }
    }

    private static VaultErrorInfo NotFound(string target, string message)
        => new(VaultErrorIds.LocalPathNotFound, ErrorCategory.ObjectNotFound, message, target);

    /// <summary>Resolves a single path typed for a parameter (e.g. -BasePath) to a file-system path.</summary>
    protected string ResolveProviderPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    protected void WriteLocalPathError(string errorId, ErrorCategory category, string message, string target)
        => OnLocalPathError(new VaultErrorInfo(errorId, category, message, target));
}
