using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace VaultStaging.Module;

/// <summary>
/// Loads the module's dependencies (VaultStaging.Core, System.Text.Json, …) from the Dependencies/ folder,
/// which the host never probes, so they cannot clash with another module's or the host's copies.
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
    private static readonly string DependencyFolder = Path.Combine(
        Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "Dependencies");

    private static Dictionary<string, string>? s_files;
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
            if (!files.TryGetValue(simpleName, out var path))
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
