using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using VaultStaging.Core;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Contracts;

/// <summary>
/// Error ids are a contract scripts branch on: every id the engine, the CLI and the module report comes from
/// <see cref="VaultErrorIds"/>, and every id there is documented in docs/cli.md or docs/module.md.
/// The sources are read as text: an id is produced by handing it to one of a few constructors and helpers
/// (the sinks below), so a literal or a constant of its own there is a new, uncatalogued id.
/// </summary>
public class ErrorIdCatalogueTests
{
    private static readonly string[] SourceProjects = { "VaultStaging.Core", "VaultStaging.Cli", "VaultStaging" };

    /// <summary>Calls whose first argument is an error id.</summary>
    private static readonly Regex IdSink = new(
        @"(?:new\s+(?:Core\.)?(?:VaultStagingException|VaultErrorInfo)|\bThrowArgumentError|\bWriteLocalPathError|\bError)\s*\(\s*(?<id>[^,()]+(?:\([^()]*\))?)\s*,",
        RegexOptions.Multiline);

    /// <summary>A target-typed <c>new(...)</c> of an error, which the sinks above cannot name, made with a literal id.</summary>
    private static readonly Regex LiteralFirstArgument = new(@"\bnew\s*\(\s*""(?<id>[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)""\s*,");

    /// <summary>An id passed on, not made up: the error being re-targeted, or the id a helper is given (and its declaration).</summary>
    private static readonly Regex PassThrough = new(@"^(?:VaultErrorIds\.\w+|\w+\.ErrorId|(?:string )?(?:errorId|id)|ErrorIdFor\(vaultErrorType\))$");

    public static IReadOnlyDictionary<string, string> Catalogue { get; } = typeof(VaultErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.Name != nameof(VaultErrorIds.VaultApiPrefix))
        .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!);

    [Fact]
    public void EachIdIsItsOwnNameInPascalCase()
    {
        Assert.NotEmpty(Catalogue);
        Assert.All(Catalogue, entry =>
        {
            Assert.Equal(entry.Key, entry.Value);
            Assert.Matches("^[A-Z][A-Za-z0-9]+$", entry.Value);
        });
        Assert.Equal("Vault", VaultErrorIds.VaultApiPrefix);
    }

    [Fact]
    public void EveryIdTheSourcesProduceComesFromTheCatalogue()
    {
        var offenders = new List<string>();
        foreach (var (file, text) in Sources())
        {
            foreach (Match sink in IdSink.Matches(text))
            {
                var id = sink.Groups["id"].Value.Trim();
                var known = !id.StartsWith("VaultErrorIds.", StringComparison.Ordinal)
                    || Catalogue.ContainsKey(id.Substring("VaultErrorIds.".Length));
                if (!PassThrough.IsMatch(id) || !known)
                {
                    offenders.Add($"{file}:{LineOf(text, sink.Index)}: id '{id}'");
                }
            }

            foreach (Match literal in LiteralFirstArgument.Matches(text))
            {
                offenders.Add($"{file}:{LineOf(text, literal.Index)}: literal id \"{literal.Groups["id"].Value}\"");
            }
        }

        Assert.True(offenders.Count == 0, "Error ids not taken from VaultErrorIds:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void NoSourceSpellsACatalogueIdOutsideTheCatalogue()
    {
        var ids = new HashSet<string>(Catalogue.Values, StringComparer.Ordinal);
        var offenders = Sources()
            .Where(source => Path.GetFileName(source.File) != "VaultErrorIds.cs")
            .SelectMany(source => Regex.Matches(source.Text, @"""(?<word>\w+)""")
                .Where(match => ids.Contains(match.Groups["word"].Value) && !IsComment(source.Text, match.Index))
                .Select(match => $"{source.File}:{LineOf(source.Text, match.Index)}: \"{match.Groups["word"].Value}\""))
            .ToList();

        Assert.True(offenders.Count == 0, "Use VaultErrorIds instead of these literals:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EveryIdIsDocumentedAndEveryDocumentedIdExists()
    {
        var documented = new[] { "cli.md", "module.md" }
            .SelectMany(doc => Regex.Matches(ErrorIdsSection(doc), @"^\| `(?<id>\w+)` \|", RegexOptions.Multiline))
            .Select(match => match.Groups["id"].Value)
            .ToList();

        Assert.Empty(Catalogue.Values.Except(documented));
        Assert.Empty(documented.Except(Catalogue.Values));
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    private static string ErrorIdsSection(string doc)
    {
        var text = File.ReadAllText(RepoPaths.Combine("docs", doc)).Replace("\r\n", "\n");
        var start = text.IndexOf("\n## Error ids\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/{doc} has no '## Error ids' section.");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
    }

    private static IEnumerable<(string File, string Text)> Sources()
        => SourceProjects
            .SelectMany(project => Directory.EnumerateFiles(RepoPaths.Combine("src", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file))
            .Select(file => (Path.GetRelativePath(RepoPaths.Root, file), File.ReadAllText(file).Replace("\r\n", "\n")));

    private static bool IsBuildOutput(string file)
    {
        var separators = new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
        var segments = file.Split(separators);
        return segments.Contains("obj") || segments.Contains("bin");
    }

    private static bool IsComment(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        return text.Substring(lineStart, index - lineStart).TrimStart().StartsWith("//", StringComparison.Ordinal);
    }

    private static int LineOf(string text, int index) => text.Take(index).Count(c => c == '\n') + 1;
}
