using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class SendVaultFileTests
{
    private const int FivePartBytes = 5 * 1024 * 1024;

    [Fact]
    public async Task PipedFiles_AreStagedByteIdentical_KeepingTheLayoutUnderBasePath()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 100);
        tree.Add("[draft] a.txt", 200);
        tree.Add("sub/b.bin", 3000);
        tree.Add("sub/deeper/c.dat", 0);
        session.SetVariable("root", tree.Root);

        var output = session.InvokeChecked(
            "$input | Send-VaultFile -Destination /inbound -BasePath $root -PassThru",
            new DirectoryInfo(tree.Root).EnumerateFiles("*", SearchOption.AllDirectories));

        Assert.Equal(4, output.Count);
        foreach (var file in tree.Files)
        {
            var stagingPath = "/inbound/" + tree.RelativePath(file);
            Assert.Equal(File.ReadAllBytes(file.FullName), File.ReadAllBytes(session.Server.GetLocalPath(stagingPath)));
            var result = output.Single(o => (string)o.Properties["LocalPath"].Value == file.FullName);
            Assert.Equal("Staged", result.Properties["Status"].Value);
            Assert.Equal(stagingPath, result.Properties["StagingPath"].Value);
            Assert.Equal(file.Length, result.Properties["Size"].Value);
        }
    }

    [Fact]
    public async Task ThrottleLimit_TakesUpTo64_AndRefusesMoreBeforeAnythingIsSent()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 100);
        session.SetVariable("file", Path.Combine(tree.Root, "a.txt"));

        session.InvokeChecked("Send-VaultFile -LiteralPath $file -Destination /wide -ThrottleLimit 64");
        var before = session.Server.Requests.Count;
        var refused = session.NewShell("Send-VaultFile -LiteralPath $file -Destination /wider -ThrottleLimit 65");

        refused.Invoke();
        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(refused.Streams.Error).FullyQualifiedErrorId);
        Assert.True(File.Exists(session.Server.GetLocalPath("/wide/a.txt")));
        Assert.Equal(before, session.Server.Requests.Count);
    }

    [Fact]
    public async Task PathExpandsWildcards_AndLiteralPathTakesBracketsLiterally()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("one.txt", 10);
        tree.Add("two.txt", 20);
        tree.Add("skip.bin", 30);
        var draft = tree.Add("[draft] a.txt", 40);
        session.SetLocation(tree.Root);

        session.InvokeChecked("Send-VaultFile -Path ./*.txt -Destination /wild");
        session.SetVariable("draft", draft.FullName);
        session.InvokeChecked("Send-VaultFile -LiteralPath $draft -Destination /literal");
        session.InvokeChecked("Send-VaultFile -LP './[draft] a.txt' -Destination /alias");

        Assert.True(File.Exists(session.Server.GetLocalPath("/wild/one.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/wild/two.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/wild/[draft] a.txt")));
        Assert.False(File.Exists(session.Server.GetLocalPath("/wild/skip.bin")));
        Assert.Equal(File.ReadAllBytes(draft.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/literal/[draft] a.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/alias/[draft] a.txt")));
    }

    [Fact]
    public async Task DirectoryWithRecurse_KeepsItsLayout_AndWithoutRecurseIsAPerItemError()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("batch/x.txt", 10);
        tree.Add("batch/inner/y.txt", 20);
        session.SetVariable("dir", Path.Combine(tree.Root, "batch"));

        var shell = session.Run("Send-VaultFile -LiteralPath $dir -Destination /flat", null, out _);
        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("DirectoryNeedsRecurse,VaultStaging.Module.Commands.SendVaultFileCommand", error.FullyQualifiedErrorId);

        session.InvokeChecked("Send-VaultFile -LiteralPath $dir -Destination /tree -Recurse");
        Assert.True(File.Exists(session.Server.GetLocalPath("/tree/batch/x.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/tree/batch/inner/y.txt")));
    }

    [Fact]
    public async Task WhatIf_SendsNoRequest()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        tree.Add("b.txt", 10);
        var before = session.Server.Requests.Count;

        var shell = session.Run("$input | Send-VaultFile -Destination /inbound -WhatIf -PassThru", tree.Files, out var output);

        Assert.Empty(output);
        Assert.Empty(shell.Streams.Error);
        Assert.Equal(before, session.Server.Requests.Count);
    }

    [Fact]
    public async Task LargeFile_GoesByResumableSession_WithParentAndChildProgress_AllCompleted()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var big = tree.Add("big.bin", (2 * FivePartBytes) + 1000);
        tree.Add("small.txt", 100);

        var shell = session.Run(
            "$ProgressPreference = 'Continue'; $input | Send-VaultFile -Destination /big -PartSize 5MB -ResumableThreshold 1MB -ThrottleLimit 2 -PassThru",
            tree.Files,
            out var output);

        Assert.Empty(shell.Streams.Error);
        var result = output.Single(o => (string)o.Properties["LocalPath"].Value == big.FullName);
        Assert.Equal(3, result.Properties["Parts"].Value);
        Assert.NotNull(result.Properties["SessionId"].Value);
        Assert.Equal(File.ReadAllBytes(big.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/big/big.bin")));

        var progress = shell.Streams.Progress.ToList();
        var parentId = Assert.Single(progress.Where(p => p.ParentActivityId < 0).Select(p => p.ActivityId).Distinct());
        var children = progress.Where(p => p.ParentActivityId == parentId).Select(p => p.ActivityId).Distinct().ToList();
        Assert.NotEmpty(children);
        foreach (var id in children.Append(parentId))
        {
            Assert.Equal(ProgressRecordType.Completed, progress.Last(p => p.ActivityId == id).RecordType);
        }
    }

    [Fact]
    public async Task Md5_OfAFileSentBySession_IsThereWithComputeMd5Only()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var big = tree.Add("big.bin", FivePartBytes + 10);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(File.ReadAllBytes(big.FullName)));

        var plain = session.InvokeChecked("$input | Send-VaultFile -Destination /plain -PartSize 5MB -ResumableThreshold 1MB -PassThru", tree.Files);
        var hashed = session.InvokeChecked("$input | Send-VaultFile -Destination /hashed -PartSize 5MB -ResumableThreshold 1MB -ComputeMd5 -PassThru", tree.Files);

        Assert.Equal(2, Assert.Single(plain).Properties["Parts"].Value);
        Assert.Null(Assert.Single(plain).Properties["Md5"].Value);
        Assert.Equal(expected, Assert.Single(hashed).Properties["Md5"].Value);
    }

    [Fact]
    public async Task OneBadFile_IsANonTerminatingError_AndTheOthersAreStaged()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var taken = tree.Add("taken.txt", 10);
        tree.Add("fresh1.txt", 10);
        tree.Add("fresh2.txt", 10);
        session.SetVariable("taken", taken.FullName);
        session.InvokeChecked("Send-VaultFile -LiteralPath $taken -Destination /mixed");

        var shell = session.Run("$input | Send-VaultFile -Destination /mixed -PassThru", tree.Files, out var output);

        var error = Assert.Single(shell.Streams.Error);
        Assert.Equal("StagingItemExists,VaultStaging.Module.Commands.SendVaultFileCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(taken.FullName, error.TargetObject);
        Assert.True(File.Exists(session.Server.GetLocalPath("/mixed/fresh1.txt")));
        Assert.True(File.Exists(session.Server.GetLocalPath("/mixed/fresh2.txt")));
        Assert.Contains(output, o => (string)o.Properties["Status"].Value == "Failed");
    }

    [Fact]
    public async Task OverwriteAndSkipExisting_Together_AreATerminatingArgumentError()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddCommand("Send-VaultFile").AddParameter("LiteralPath", tree.Files[0].FullName)
            .AddParameter("Destination", "/x").AddParameter("Overwrite").AddParameter("SkipExisting");

        var thrown = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke());

        Assert.Equal("OverwriteAndSkipExisting,VaultStaging.Module.Commands.SendVaultFileCommand", thrown.ErrorRecord.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task WithoutConnection_TheErrorIsTerminatingAndNamesConnectVault()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddCommand("Send-VaultFile").AddParameter("LiteralPath", tree.Files[0].FullName).AddParameter("Destination", "/x");

        var thrown = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke());

        Assert.Equal("NotConnected,VaultStaging.Module.Commands.SendVaultFileCommand", thrown.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("Connect-Vault", thrown.ErrorRecord.ToString());
    }

    [Fact]
    public async Task Stop_MidUpload_EndsPromptly_AndTheNextRunResumesTheSession()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var big = tree.Add("slow.bin", (2 * FivePartBytes) + 10);
        session.Server.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 2, Delay = TimeSpan.FromSeconds(12) });
        using var shell = session.NewShell("$input | Send-VaultFile -Destination /slow -PartSize 5MB -ResumableThreshold 1MB");
        var input = new PSDataCollection<object> { big };
        input.Complete();

        var running = shell.BeginInvoke(input);
        await WaitUntil(() => session.Server.Requests.Any(r => r.Endpoint == EmulatorEndpoint.UploadPart && r.PartNumber == 1 && r.HttpStatus == 200));
        // real time: the emulator records a request only once answered; this lets part 2 reach its slow fault.
        await Task.Delay(300);
        await Task.Run(shell.Stop).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(running.IsCompleted);

        var sessions = session.InvokeChecked("Get-VaultUploadSession");
        Assert.Single(sessions);
        session.Server.Faults.Clear();
        session.Server.ClearRequests();
        session.SetVariable("big", big.FullName);
        var result = Assert.Single(session.InvokeChecked("Send-VaultFile -LiteralPath $big -Destination /slow -PartSize 5MB -ResumableThreshold 1MB -PassThru"));

        Assert.Equal("Staged", result.Properties["Status"].Value);
        Assert.DoesNotContain(session.Server.Requests, r => r.Endpoint == EmulatorEndpoint.UploadPart && r.PartNumber == 1);
        Assert.Equal(File.ReadAllBytes(big.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/slow/slow.bin")));
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50); // real time: polls what the module does on its own threads against a real socket
        }

        Assert.True(condition(), "The condition was not met within 30 seconds.");
    }
}
