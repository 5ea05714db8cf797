using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace VaultStaging.Tests.Architecture;

/// <summary>
/// The engine's namespaces form layers without cycles (docs/architecture.md): each may use only the layers listed
/// for it, all of them below it. Read from the source, so a `using`, a fully qualified name or a name qualified from
/// a sibling namespace (`Staging.StagingPath`) all count.
/// </summary>
public sealed class NamespaceLayerTests
{
    private const string Root = "VaultStaging.Core";

    /// <summary>
    /// Bottom to top. The root namespace holds the shared contracts (exceptions, remedies, IVaultLog, RetryOptions):
    /// it uses none of ours, and every layer may use it.
    /// </summary>
    public static readonly (string Layer, string[] MayUse)[] Layers =
    {
        (Root, Array.Empty<string>()),
        ("Json", Array.Empty<string>()),
        ("Http", new[] { "Json" }),
        ("Staging", new[] { "Http", "Json" }),
        ("Connection", new[] { "Staging", "Http", "Json" }),
        ("Transfer", new[] { "Connection", "Staging", "Http" }),
        ("Download", new[] { "Transfer", "Connection", "Staging" }),
    };

    private static readonly Regex QualifiedName = new(@"\bVaultStaging\.Core\.([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    private static readonly Regex SiblingQualifiedName = new(@"(?<![\w.])([A-Z][A-Za-z0-9_]*)\.([A-Z][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    private static readonly Regex TypeDeclaration = new(@"\b(?:class|struct|interface|enum|record|delegate\s+\S+)\s+([A-Z][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    [Fact]
    public void Each_layer_may_use_only_layers_below_it()
    {
        var seen = new List<string>();
        foreach (var (layer, mayUse) in Layers)
        {
            Assert.All(mayUse, used => Assert.True(seen.Contains(used), $"{layer} may use {used}, which is not below it: that would allow a cycle."));
            seen.Add(layer);
        }
    }

    [Fact]
    public void Every_engine_namespace_has_its_place_in_the_layers()
    {
        var known = Layers.Select(l => l.Layer).ToHashSet();
        var unplaced = EngineSources().Select(s => s.Layer).Distinct().Where(layer => !known.Contains(layer)).ToList();

        Assert.True(unplaced.Count == 0, $"Give {string.Join(", ", unplaced)} a place in {nameof(Layers)} and in docs/architecture.md.");
    }

    [Fact]
    public void No_engine_file_uses_a_layer_it_may_not()
    {
        var sources = EngineSources().ToList();
        var typesByLayer = sources
            .GroupBy(s => s.Layer)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => TypeDeclaration.Matches(s.Code).Select(m => m.Groups[1].Value)).ToHashSet());
        var allowed = Layers.ToDictionary(l => l.Layer, l => l.MayUse.Append(Root).Append(l.Layer).ToHashSet());

        var violations = new List<string>();
        foreach (var source in sources)
        {
            var mayUse = allowed.TryGetValue(source.Layer, out var listed) ? listed : new HashSet<string> { Root, source.Layer };
            foreach (var used in UsedLayers(source.Code, typesByLayer).Where(used => !mayUse.Contains(used)))
            {
                violations.Add($"{source.File} ({source.Layer}) uses {used}");
            }
        }

        Assert.True(violations.Count == 0, "Layer rule broken (docs/architecture.md):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void A_sibling_qualified_name_counts_as_a_use()
    {
        var types = new Dictionary<string, HashSet<string>> { ["Staging"] = new() { "StagingPath" } };

        Assert.Equal(new[] { "Staging" }, UsedLayers("var p = Staging.StagingPath.Normalize(x);", types));
        Assert.Empty(UsedLayers("var p = connection.Staging.ListAsync();", types));
        Assert.Equal(new[] { "Http" }, UsedLayers("using VaultStaging.Core.Http;", types));
    }

    private static IEnumerable<string> UsedLayers(string code, IReadOnlyDictionary<string, HashSet<string>> typesByLayer)
    {
        // VaultStaging.Core.X names a layer, or a root type written in full.
        var byFullName = QualifiedName.Matches(code).Select(m => m.Groups[1].Value)
            .Select(segment => IsRootType(segment, typesByLayer) ? Root : segment);
        var bySibling = SiblingQualifiedName.Matches(code)
            .Where(m => typesByLayer.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value))
            .Select(m => m.Groups[1].Value);
        return byFullName.Concat(bySibling).Distinct().ToList();
    }

    private static bool IsRootType(string name, IReadOnlyDictionary<string, HashSet<string>> typesByLayer)
        => typesByLayer.TryGetValue(Root, out var rootTypes) && rootTypes.Contains(name);

    private static IEnumerable<(string File, string Layer, string Code)> EngineSources()
    {
        var engine = Path.Combine(RepoRoot(), "src", "VaultStaging.Core");
        var separator = Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains(separator + "obj" + separator, StringComparison.Ordinal) && !f.Contains(separator + "bin" + separator, StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            var declared = Regex.Match(code, @"^namespace\s+([\w.]+)", RegexOptions.Multiline).Groups[1].Value;
            var body = Regex.Replace(code, @"^namespace\s+[\w.]+;?", "", RegexOptions.Multiline);
            yield return (Path.GetRelativePath(engine, file), LayerOf(declared), body);
        }
    }

    /// <summary>VaultStaging.Core.Transfer → Transfer; the root, and a polyfill in a System namespace, are the root layer.</summary>
    private static string LayerOf(string ns)
        => ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns.Substring(Root.Length + 1).Split('.')[0] : Root;

    private static string RepoRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "VaultStaging.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))
                ?? throw new InvalidOperationException("VaultStaging.sln not found above " + AppContext.BaseDirectory);
        }

        return root;
    }
}
