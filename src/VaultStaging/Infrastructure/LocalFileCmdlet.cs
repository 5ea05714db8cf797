using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace VaultStaging.Module;

/// <summary>
/// Cmdlets that read local files: -Path (wildcards) and -LiteralPath (piped FileInfo binds here through FullName/PSPath)
/// share one field and are resolved through the session's provider paths.
/// </summary>
public abstract class LocalFileCmdlet : VaultServerCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

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

    /// <summary>Local files to read, used exactly as typed ([ and ] are not wildcards). Piped files bind here.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
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
                    WriteLocalPathError("LocalPathNotFound", ErrorCategory.ObjectNotFound, $"Cannot find the local file '{resolved}'. Check the path; use -LiteralPath for names with [ or ].", resolved);
                }
            }
        }
    }

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
                resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
            }

            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                WriteLocalPathError("NotFileSystemPath", ErrorCategory.InvalidArgument, $"'{path}' is on the {provider.Name} provider; only files on the file system can be staged.", path);
                return Array.Empty<string>();
            }

            if (resolved.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(path))
            {
                WriteLocalPathError("LocalPathNotFound", ErrorCategory.ObjectNotFound, $"Cannot find the local path '{path}'.", path);
            }

            return resolved;
        }
        catch (Exception exception) when (exception is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSArgumentException or NotSupportedException)
        {
            WriteLocalPathError("LocalPathNotFound", ErrorCategory.ObjectNotFound, $"Cannot find the local path '{path}': {exception.Message}", path);
            return Array.Empty<string>();
        }
    }

    /// <summary>Resolves a single path typed for a parameter (e.g. -BasePath) to a file-system path.</summary>
    protected string ResolveProviderPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    protected void WriteLocalPathError(string errorId, ErrorCategory category, string message, string target)
        => WriteError(new VaultErrorInfo(errorId, category, message, target).ToErrorRecord(new ItemNotFoundException(message)));
}
