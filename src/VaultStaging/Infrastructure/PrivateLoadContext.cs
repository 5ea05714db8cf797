using System;
using System.Collections.Generic;
using System.Reflection;

namespace VaultStaging.Module;

/// <summary>
/// A System.Runtime.Loader.AssemblyLoadContext reached by reflection (absent from netstandard2.0 and from .NET Framework).
/// Every isolated dependency is loaded into it up front: the runtime looks in a context's own cache before anything else,
/// so VaultStaging.Core binds to our System.Text.Json even though the host has a newer one in its default context.
/// </summary>
internal sealed class PrivateLoadContext
{
    private readonly object _context;
    private readonly MethodInfo _loadFromAssemblyPath;
    private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);

    private PrivateLoadContext(object context, MethodInfo loadFromAssemblyPath)
    {
        _context = context;
        _loadFromAssemblyPath = loadFromAssemblyPath;
    }

    /// <summary>Null on .NET Framework.</summary>
    public static PrivateLoadContext? TryCreate(string name, IReadOnlyDictionary<string, string> files, ISet<string> excluded)
    {
        var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
        var constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
        var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
        if (constructor is null || load is null)
        {
            return null;
        }

        var context = new PrivateLoadContext(constructor.Invoke(new object[] { name, false }), load);
        foreach (var file in files)
        {
            if (!excluded.Contains(file.Key))
            {
                context._loaded[file.Key] = (Assembly)load.Invoke(context._context, new object[] { file.Value });
            }
        }

        return context;
    }

    public Assembly? Load(string simpleName) => _loaded.TryGetValue(simpleName, out var assembly) ? assembly : null;
}
