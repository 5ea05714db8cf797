using System;
using System.Linq;
using System.Reflection;

namespace VaultStaging.Module.Tests.Support;

/// <summary>The module's assemblies as the engine loaded them (call after a session imported the module).</summary>
public static class LoadedModule
{
    public static Assembly Module => Find("VaultStaging", ModulePaths.ModuleFolder);

    public static Assembly Core => Find("VaultStaging.Core", ModulePaths.ModuleFolder);

    public static Assembly Find(string name, string underFolder)
        => AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
               a.GetName().Name == name && !a.IsDynamic && a.Location.StartsWith(underFolder, StringComparison.Ordinal))
           ?? throw new InvalidOperationException($"{name} is not loaded from {underFolder}.");
}
