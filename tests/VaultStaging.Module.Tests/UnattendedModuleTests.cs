using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>Issue 11 in the module: skip means identical, -Update, duplicates and links, messages in the module's words.</summary>
public sealed class UnattendedModuleTests
{
    [Fact]
    public async Task SkipExisting_FailsAChangedFile_NamingModuleSwitches_AndUpdateReplacesIt()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var same = tree.Add("same.txt", 100);
        var changed = tree.Add("changed.txt", 100);
        session.SetVariable("root", tree.Root);
        session.InvokeChecked("Send-VaultFile -Path \"$root/*.txt\" -Destination /sync");
        File.WriteAllText(changed.FullName, new string('x', 100));
        File.SetLastWriteTimeUtc(changed.FullName, DateTime.UtcNow.AddMinutes(5));

        var shell = session.Run("Send-VaultFile -Path \"$root/*.txt\" -Destination /sync -SkipExisting -PassThru", null, out var skipOutput);

        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("StagedCopyDiffers,VaultStaging.Module.Commands.SendVaultFileCommand", error.FullyQualifiedErrorId);
        var message = error.ErrorDetails?.Message ?? error.Exception.Message;
        Assert.Contains("-Update", message);
        Assert.Contains("-Overwrite", message);
        Assert.DoesNotContain("--", message);
        Assert.Equal(changed.FullName, error.TargetObject);
        Assert.Equal("Skipped", skipOutput.Single(o => (string)o.Properties["LocalPath"].Value == same.FullName).Properties["Status"].Value.ToString());

        var updated = session.InvokeChecked("Send-VaultFile -Path \"$root/*.txt\" -Destination /sync -Update -PassThru");

        Assert.Equal("Updated", updated.Single(o => (string)o.Properties["LocalPath"].Value == changed.FullName).Properties["Status"].Value.ToString());
        Assert.Equal("Skipped", updated.Single(o => (string)o.Properties["LocalPath"].Value == same.FullName).Properties["Status"].Value.ToString());
        Assert.Equal(File.ReadAllBytes(changed.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/sync/changed.txt")));
    }

    [Fact]
    public async Task TwoFilesForOneStagingPath_TheSecondIsAnError_EvenWhenOnlyTheCaseDiffers()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var first = tree.Add("one/Report.txt", 10);
        var second = tree.Add("two/report.TXT", 20);

        var shell = session.Run("$input | Send-VaultFile -Destination /dup", new[] { first, second }, out _);

        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("DuplicateStagingPath,VaultStaging.Module.Commands.SendVaultFileCommand", error.FullyQualifiedErrorId);
        Assert.Equal(second.FullName, error.TargetObject);
        Assert.Equal(File.ReadAllBytes(first.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/dup/Report.txt")));
    }

    [Fact]
    public async Task DirectoryLinks_WarnOncePerCall_AndFollowLinksStagesThem()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("batch/a.txt", 10);
        tree.Add("other/x.txt", 10);
        tree.Add("other2/y.txt", 10);
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "batch", "l1"), Path.Combine(tree.Root, "other"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "batch", "l2"), Path.Combine(tree.Root, "other2"));
        session.SetVariable("dir", Path.Combine(tree.Root, "batch"));

        var plain = session.Run("Send-VaultFile -LiteralPath $dir -Destination /plain -Recurse", null, out _);
        session.InvokeChecked("Send-VaultFile -LiteralPath $dir -Destination /followed -Recurse -FollowLinks");

        Assert.Single(plain.Streams.Warning, w => w.Message.Contains("-FollowLinks", StringComparison.Ordinal));
        Assert.Empty(plain.Streams.Error);
        Assert.False(File.Exists(session.Server.GetLocalPath("/plain/batch/l1/x.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/followed/batch/l1/x.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/followed/batch/l2/y.txt")));
    }

    [Fact]
    public async Task IncludeAndExclude_FilterTheFilesBelowADirectory()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("batch/keep.pdf", 10);
        tree.Add("batch/old/skip.pdf", 10);
        tree.Add("batch/note.txt", 10);
        session.SetVariable("dir", Path.Combine(tree.Root, "batch"));

        var shell = session.Run("Send-VaultFile -LiteralPath $dir -Destination /filtered -Recurse -Include *.pdf -Exclude 'old/**' -Verbose", null, out _);

        Assert.Empty(shell.Streams.Error);
        Assert.True(File.Exists(session.Server.GetLocalPath("/filtered/batch/keep.pdf")));
        Assert.False(File.Exists(session.Server.GetLocalPath("/filtered/batch/old/skip.pdf")));
        Assert.False(File.Exists(session.Server.GetLocalPath("/filtered/batch/note.txt")));
        Assert.Equal(2, shell.Streams.Verbose.Count(v => v.Message.StartsWith("Left out", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConnectVault_MaximumBytesPerSecond_CapsTheConnection_AndFilesStillArriveIntact()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        using var tree = new TempTree();
        var file = tree.Add("capped.bin", 200_000);
        session.SetVariable("file", file.FullName);

        session.InvokeChecked("$c = Connect-Vault -Server $VaultUrl -Credential $VaultCredential -JobPollInterval 00:00:00.05 -MaximumBytesPerSecond 20MB -PassThru");
        session.InvokeChecked("Send-VaultFile -LiteralPath $file -Destination /capped -Connection $c");

        Assert.Equal(File.ReadAllBytes(file.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/capped/capped.bin")));
    }
}
