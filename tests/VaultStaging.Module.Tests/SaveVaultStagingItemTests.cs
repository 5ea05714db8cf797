using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class SaveVaultStagingItemTests
{
    [Fact]
    public async Task Recurse_SavesAStagedFolder_ByteIdentical_WhatIfWritesNothing()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        using var into = new TempTree();
        tree.Add("data/a.txt", 100);
        tree.Add("data/sub/b.bin", 70_000);
        session.InvokeChecked($"Send-VaultFile -Path '{Path.Combine(tree.Root, "data")}' -Destination /u1000/exports -Recurse");
        var target = Path.Combine(into.Root, "saved");

        session.InvokeChecked($"Save-VaultStagingItem -Path /u1000/exports/data -Destination '{target}' -Recurse -WhatIf");
        Assert.False(File.Exists(Path.Combine(target, "data", "a.txt")));

        var results = session.InvokeChecked($"Save-VaultStagingItem -Path /u1000/exports/data -Destination '{target}' -Recurse -PassThru");

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("Downloaded", r.Properties["Status"].Value.ToString()));
        Assert.Equal(File.ReadAllBytes(Path.Combine(tree.Root, "data", "sub", "b.bin")), File.ReadAllBytes(Path.Combine(target, "data", "sub", "b.bin")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(tree.Root, "data", "a.txt")), File.ReadAllBytes(Path.Combine(target, "data", "a.txt")));
    }

    [Fact]
    public async Task Progress_HasAParentAndAChildPerFile_AllCompleted()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        using var into = new TempTree();
        tree.Add("p/a.bin", 300_000);
        tree.Add("p/b.bin", 200_000);
        session.InvokeChecked($"Send-VaultFile -Path '{Path.Combine(tree.Root, "p")}' -Destination /u1000/progress -Recurse");

        var shell = session.Run($"$ProgressPreference = 'Continue'; Save-VaultStagingItem /u1000/progress/p -Destination '{into.Root}' -Recurse", null, out _);

        Assert.Empty(shell.Streams.Error);
        var progress = shell.Streams.Progress.ToList();
        var parentId = Assert.Single(progress.Where(p => p.ParentActivityId < 0).Select(p => p.ActivityId).Distinct());
        var children = progress.Where(p => p.ParentActivityId == parentId).ToList();
        Assert.NotEmpty(children);
        Assert.Contains(children, c => c.StatusDescription.StartsWith("Downloading", System.StringComparison.Ordinal));
        foreach (var id in children.Select(c => c.ActivityId).Distinct().Append(parentId))
        {
            Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, progress.Last(p => p.ActivityId == id).RecordType);
        }
    }

    [Fact]
    public async Task PipedItems_AreSavedFlat_ExistingFilesAreErrorsUnlessSkipped()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        using var into = new TempTree();
        tree.Add("x.csv", 10);
        tree.Add("y.csv", 20);
        tree.Add("z.txt", 30);
        session.InvokeChecked("$input | Send-VaultFile -Destination /u1000/loader", tree.Files);

        session.InvokeChecked($"Get-VaultStagingItem /u1000/loader | Where-Object Name -like *.csv | Save-VaultStagingItem -Destination '{into.Root}'");
        Assert.Equal(new[] { "x.csv", "y.csv" }, Directory.GetFiles(into.Root).Select(Path.GetFileName).OrderBy(n => n));

        var shell = session.Run($"Save-VaultStagingItem /u1000/loader/x.csv -Destination '{into.Root}'", null, out _);
        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("LocalFileExists,VaultStaging.Module.Commands.SaveVaultStagingItemCommand", error.FullyQualifiedErrorId);

        var skipped = session.InvokeChecked($"Save-VaultStagingItem /u1000/loader/x.csv -Destination '{into.Root}' -SkipExisting -PassThru");
        Assert.Equal("Skipped", Assert.Single(skipped).Properties["Status"].Value.ToString());

        var folder = session.Run($"Save-VaultStagingItem /u1000/loader -Destination '{into.Root}'", null, out _);
        Assert.Equal("StagingFolderNeedsRecurse,VaultStaging.Module.Commands.SaveVaultStagingItemCommand", Assert.Single(folder.Streams.Error).FullyQualifiedErrorId);
    }
}
