using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>
/// Pester is not served on these machines, so the Pester suite and build.ps1 cannot run here; the engine's
/// own parser at least proves every shipped script parses, so the suite does not fail on syntax where it runs.
/// </summary>
public sealed class ScriptSyntaxTests
{
    public static IEnumerable<object[]> Scripts()
        => Directory.EnumerateFiles(Path.Combine(ModulePaths.RepoRoot, "tests", "Pester"), "*.ps1")
            .Append(Path.Combine(ModulePaths.RepoRoot, "build.ps1"))
            .Select(path => new object[] { Path.GetRelativePath(ModulePaths.RepoRoot, path) });

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_Parses(string relativePath)
    {
        Parser.ParseFile(Path.Combine(ModulePaths.RepoRoot, relativePath), out _, out var errors);

        Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));
    }
}
