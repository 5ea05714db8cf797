using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace VaultStaging.Module;

/// <summary>
/// Loads the module's dependencies (VaultStaging.Core, System.Text.Json, …) from the Dependencies/ folder,
/// which the host never probes, so they cannot clash with another module's or the host's copies. The handler answers
/// only for assemblies in Dependencies/, only to a requester of ours (or, when the runtime does not say who asks, for
/// the exact version we ship), and never hands our copies to another module (<see cref="ShouldAnswer"/>).
/// On PowerShell 7 they go into a private AssemblyLoadContext (created by reflection: this assembly is
/// netstandard2.0); on Windows PowerShell 5.1 they are loaded with LoadFrom, side by side by strong name.
/// </summary>
internal static class DependencyResolver
{
    internal const string LoadContextName = "VaultStaging";

    // Polyfill packages whose types .NET (Core) has in-box: loading the netstandard copies privately would give
    // the private context a second Span<T>/Vector<T>, so on PowerShell 7 they resolve to the host's copies.
    private static readonly HashSet<string> InBoxOnCore = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Buffers", "System.Memory", "System.Numerics.Vectors",
        "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions",
    };

    private static readonly object Gate = new();
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".";
    private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "Dependencies");

    private static Dictionary<string, string>? s_files;
    private static Dictionary<string, Version?>? s_versions;
    private static PrivateLoadContext? s_context;
    private static bool s_registered;

    /// <summary>True once the handler is installed; it stays installed for the life of the process.</summary>
    public static bool IsRegistered
    {
        get
        {
            lock (Gate)
            {
                return s_registered;
            }
        }
    }

    /// <summary>
    /// Installs the handler once per process. There is deliberately no way to remove it: Remove-Module in one runspace
    /// must not leave another runspace's next cmdlet unable to load VaultStaging.Core.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!s_registered)
            {
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                s_registered = true;
            }
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        var simpleName = new AssemblyName(args.Name).Name;
        if (simpleName is null)
        {
            return null;
        }

        lock (Gate)
        {
            var files = s_files ??= IndexDependencies();
            var versions = s_versions ??= ReadVersions(files);
            if (!ShouldAnswer(new AssemblyName(args.Name), RequesterLocation(args.RequestingAssembly), ModuleFolder, versions)
                || !files.TryGetValue(simpleName, out var path))
            {
                return null;
            }

            var context = s_context ??= PrivateLoadContext.TryCreate(LoadContextName, files, InBoxOnCore);
            if (context is null)
            {
                // .NET Framework: no load contexts; Dependencies/ keeps our copies apart from the application base.
                return Assembly.LoadFrom(path);
            }

            return InBoxOnCore.Contains(simpleName) ? null : context.Load(simpleName);
        }
    }

    /// <summary>
    /// Whether to hand out our copy of <paramref name="requested"/>: only when it is one of ours (in
    /// <paramref name="shipped"/>), and then only to a requester loaded from <paramref name="moduleFolder"/> or, when
    /// the requester is unknown (null: the runtime often does not say on .NET Framework), for the exact version we ship.
    /// A requester from anywhere else (another module, the host) never gets our copies.
    /// </summary>
    internal static bool ShouldAnswer(AssemblyName requested, string? requesterLocation, string moduleFolder, IReadOnlyDictionary<string, Version?> shipped)
    {
        if (requested.Name is null || !shipped.TryGetValue(requested.Name, out var version))
        {
            return false;
        }

        if (requesterLocation is not null)
        {
            return IsUnder(requesterLocation, moduleFolder);
        }

        return requested.Version is not null && version is not null && requested.Version == version;
    }

    /// <summary>The requester's file, "" for one that has none (dynamic, loaded from bytes), null when the runtime did not say.</summary>
    private static string? RequesterLocation(Assembly? requester)
    {
        if (requester is null)
        {
            return null;
        }

        try
        {
            return requester.IsDynamic ? "" : requester.Location;
        }
        catch (NotSupportedException)
        {
            return "";
        }
    }

    private static bool IsUnder(string file, string folder)
    {
        if (file.Length == 0)
        {
            return false;
        }

        var prefix = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Path.GetFullPath(file).StartsWith(prefix, comparison);
    }

    private static Dictionary<string, Version?> ReadVersions(Dictionary<string, string> files)
    {
        var versions = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            try
            {
                versions[file.Key] = AssemblyName.GetAssemblyName(file.Value).Version;
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                versions[file.Key] = null;
            }
        }

        return versions;
    }

    private static Dictionary<string, string> IndexDependencies()
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(DependencyFolder))
        {
            foreach (var file in Directory.EnumerateFiles(DependencyFolder, "*.dll"))
            {
                files[Path.GetFileNameWithoutExtension(file)] = file;
            }
        }

        return files;
    }
}
