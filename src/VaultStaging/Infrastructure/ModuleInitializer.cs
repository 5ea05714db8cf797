using System.Management.Automation;

namespace VaultStaging.Module;

/// <summary>
/// Runs when the module is imported into a runspace: installs the resolver for Dependencies/ (once per process).
/// Remove-Module takes nothing away: the resolver and the default connection are process-wide, and other runspaces
/// of the process (ForEach-Object -Parallel, ThreadJob, hosts that pool runspaces) may still be using them.
/// Must not touch VaultStaging.Core types itself (they load through the resolver).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport() => DependencyResolver.Register();
}
