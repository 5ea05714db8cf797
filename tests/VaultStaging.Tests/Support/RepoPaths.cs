using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace VaultStaging.Tests.Support;

/// <summary>The repository the tests were built from, for tests that read its sources and docs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        var root = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepoRoot")?.Value;
        if (root is null || !File.Exists(Path.Combine(root, "VaultStaging.sln")))
        {
            throw new InvalidOperationException($"The test assembly does not know the repository root (got '{root}'). Build it with the repository's Directory.Build.props.");
        }

        return root;
    }
}
