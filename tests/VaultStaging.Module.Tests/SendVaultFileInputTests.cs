using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>Issue 12 points 1-3: one result per input, bracketed names, directories in the pipeline.</summary>
public sealed class SendVaultFileInputTests
{
    private const string FqSuffix = ",VaultStaging.Module.Commands.SendVaultFileCommand";

    [Fact]
    public async Task PassThru_GivesOneResultPerInput_FailuresIncluded_AndEveryErrorTargetsTheLocalFile()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var good = tree.Add("good.txt", 10);
        var refused = tree.Add("what?.txt", 10); // '?' is not allowed in a staging name: the engine names the staging path
        tree.Add("folder/inner.txt", 10);
        var missing = Path.Combine(tree.Root, "missing.txt");
        var folder = Path.Combine(tree.Root, "folder");
        session.SetVariable("inputs", new[] { good.FullName, refused.FullName, missing, folder });

        var shell = session.Run("Send-VaultFile -LiteralPath $inputs -Destination /report -PassThru", null, out var output);

        Assert.Equal(4, output.Count);
        Assert.Equal("Staged", Row(output, good.FullName).Properties["Status"].Value);
        Assert.Equal("InvalidStagingPath", FailedId(output, refused.FullName));
        Assert.Equal("LocalPathNotFound", FailedId(output, missing));
        Assert.Equal("DirectoryNeedsRecurse", FailedId(output, folder));
        Assert.Equal(3, shell.Streams.Error.Count);
        Assert.Equal(
            new[] { refused.FullName, missing, folder }.OrderBy(p => p),
            shell.Streams.Error.Select(e => (string)e.TargetObject).OrderBy(p => p));
        Assert.Contains(shell.Streams.Error, e => e.FullyQualifiedErrorId == "InvalidStagingPath" + FqSuffix);
    }

    [Fact]
    public async Task TwoFilesForOneStagingPath_TheSecondIsAFailedRow_DuplicateStagingPath()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var first = tree.Add("x/same.txt", 10);
        var second = tree.Add("y/same.txt", 20);

        var shell = session.Run("$input | Send-VaultFile -Destination /dup -PassThru", new[] { first, second }, out var output);

        Assert.Equal(2, output.Count);
        Assert.Equal("Staged", Row(output, first.FullName).Properties["Status"].Value);
        Assert.Equal("DuplicateStagingPath", FailedId(output, second.FullName));
        Assert.Equal("/dup/same.txt", Row(output, second.FullName).Properties["StagingPath"].Value);
        Assert.Equal(second.FullName, Assert.Single(shell.Streams.Error).TargetObject);
    }

    [Fact]
    public async Task FailedRows_ReadBackFromCsv_AreSentAgain_ThroughTheirLocalPath()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("ok.txt", 10);
        var late = Path.Combine(tree.Root, "late.txt");
        session.SetVariable("inputs", new[] { Path.Combine(tree.Root, "ok.txt"), late });
        session.Run("$script:results = Send-VaultFile -LiteralPath $inputs -Destination /retry -PassThru", null, out _);
        tree.Add("late.txt", 20);

        // What Import-Csv of Export-Csv gives (the engine alone has neither): a PSCustomObject of strings per row.
        var retried = session.InvokeChecked(
            "$script:results | ForEach-Object { $row = [ordered]@{}; foreach ($p in $_.PSObject.Properties) { $row[$p.Name] = [string]$p.Value }; [pscustomobject]$row } | " +
            "Where-Object Status -eq Failed | Send-VaultFile -Destination /retry -PassThru");

        var row = Assert.Single(retried);
        Assert.Equal(late, row.Properties["LocalPath"].Value);
        Assert.Equal("Staged", row.Properties["Status"].Value);
        Assert.Equal(File.ReadAllBytes(late), File.ReadAllBytes(session.Server.GetLocalPath("/retry/late.txt")));
    }

    [Fact]
    public async Task PipedDirectories_WithoutRecurse_AreSkippedWithOneWarning_AndTheirFilesStaged()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        tree.Add("one/b.txt", 10);
        tree.Add("one/two/c.txt", 10);
        tree.Add("three/d.txt", 10);
        session.SetVariable("root", tree.Root);

        var shell = session.Run("$input | Send-VaultFile -Destination /dirs -BasePath $root -PassThru", ChildItems(tree.Root), out var output);

        Assert.Empty(shell.Streams.Error);
        Assert.Single(shell.Streams.Warning);
        Assert.Equal(4, output.Count);
        Assert.All(output, o => Assert.Equal("Staged", o.Properties["Status"].Value));
        Assert.True(File.Exists(session.Server.GetLocalPath("/dirs/one/two/c.txt")));
    }

    [Fact]
    public async Task DirectoriesMatchedByAWildcard_AreSkippedWithOneWarning_AndTheFilesStaged()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        tree.Add("b.txt", 10);
        tree.Add("one/c.txt", 10);
        tree.Add("two/d.txt", 10);
        session.SetLocation(tree.Root);

        var shell = session.Run("Send-VaultFile -Path ./* -Destination /star -PassThru", null, out var output);

        Assert.Empty(shell.Streams.Error);
        Assert.Single(shell.Streams.Warning);
        Assert.Equal(new[] { "/star/a.txt", "/star/b.txt" }, output.Select(o => (string)o.Properties["StagingPath"].Value).OrderBy(p => p));
    }

    [Fact]
    public async Task PipedDirectories_WithRecurse_HonourBasePath_AndEachFileIsStagedOnce()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        tree.Add("one/b.txt", 10);
        tree.Add("one/two/c.txt", 10);
        session.SetVariable("root", tree.Root);

        var shell = session.Run("$input | Send-VaultFile -Destination /rec -BasePath $root -Recurse -PassThru", ChildItems(tree.Root), out var output);

        Assert.Empty(shell.Streams.Error);
        Assert.Equal(new[] { "/rec/a.txt", "/rec/one/b.txt", "/rec/one/two/c.txt" }, output.Select(o => (string)o.Properties["StagingPath"].Value).OrderBy(p => p));
        var staged = session.InvokeChecked("Get-VaultStagingItem -Path /rec -Recurse | Where-Object Kind -eq File | ForEach-Object Path").Select(o => (string)o.BaseObject).OrderBy(p => p);
        Assert.Equal(new[] { "/rec/a.txt", "/rec/one/b.txt", "/rec/one/two/c.txt" }, staged);
    }

    [Fact]
    public async Task BracketedPath_ThatMatchesNoFileAsAWildcard_StagesTheFileOfThatName_AndSaysSo()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var draft = tree.Add("[draft] a.txt", 40);
        session.SetLocation(tree.Root);

        var shell = session.Run("Send-VaultFile -Path './[draft] a.txt' -Destination /brackets -PassThru -Verbose", null, out var output);

        Assert.Empty(shell.Streams.Error);
        Assert.Equal("Staged", Assert.Single(output).Properties["Status"].Value);
        Assert.Contains(shell.Streams.Verbose, v => v.Message.Contains("matched nothing as a wildcard") && v.Message.Contains(draft.FullName));
        Assert.Equal(File.ReadAllBytes(draft.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/brackets/[draft] a.txt")));
    }

    [Fact]
    public async Task MissingPathWithoutWildcards_IsAPerItemError_AndAWildcardMatchingNothingAWarning()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("here.txt", 10);
        session.SetLocation(tree.Root);

        var shell = session.Run("Send-VaultFile -Path ./nope.txt, ./none*.bin, ./here.txt -Destination /missing -PassThru", null, out var output);

        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("LocalPathNotFound" + FqSuffix, error.FullyQualifiedErrorId);
        Assert.Equal(Path.Combine(tree.Root, "nope.txt"), error.TargetObject);
        Assert.Contains("none*.bin", Assert.Single(shell.Streams.Warning).Message);
        Assert.Equal(new[] { "Failed", "Staged" }, output.Select(o => (string)o.Properties["Status"].Value).OrderBy(s => s));
    }

    /// <summary>What Get-ChildItem -Recurse (no -File) pipes: directories and files, parents first.</summary>
    private static FileSystemInfo[] ChildItems(string root)
        => new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).OrderBy(i => i.FullName, System.StringComparer.Ordinal).ToArray();

    private static PSObject Row(System.Collections.Generic.IEnumerable<PSObject> output, string localPath)
        => Assert.Single(output, o => (string)o.Properties["LocalPath"].Value == localPath);

    private static string FailedId(System.Collections.Generic.IEnumerable<PSObject> output, string localPath)
    {
        var row = Row(output, localPath);
        Assert.Equal("Failed", row.Properties["Status"].Value);
        Assert.False(string.IsNullOrEmpty((string?)row.Properties["ErrorMessage"].Value));
        return (string)row.Properties["ErrorId"].Value;
    }
}
