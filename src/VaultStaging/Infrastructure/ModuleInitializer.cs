using System.Management.Automation;

namespace VaultStaging.Module;

/// <summary>
/// Runs when the module is imported and removed: installs the resolver for Dependencies/ and, on removal,
/// drops the module's connection. Must not touch VaultStaging.Core types itself (they load through the resolver).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyResolver.Register();

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        ModuleConnection.Clear();
        DependencyResolver.Unregister();
    }
}
