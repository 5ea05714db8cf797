using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class UploadSessionCmdletTests
{
    private const int FivePartBytes = 5 * 1024 * 1024;

    [Fact]
    public async Task StepWise_NewSession_FirstPart_RemainingParts_CompleteWait_StagesTheFile()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var file = tree.Add("step.bin", (2 * FivePartBytes) + 77);
        session.SetVariable("file", file.FullName);

        var upload = Assert.Single(session.InvokeChecked("$script:upload = New-VaultUploadSession -LiteralPath $file -Destination /steps -PartSize 5MB; $script:upload"));
        Assert.Equal("/steps/step.bin", upload.Properties["StagingPath"].Value);
        var first = Assert.Single(session.InvokeChecked("$script:upload | Send-VaultFilePart -PartNumber 1"));
        Assert.Equal(1, first.Properties["PartNumber"].Value);
        var parts = session.InvokeChecked("$script:upload | Send-VaultFilePart -All");
        Assert.Equal(new[] { 1, 2, 3 }, parts.Select(p => (int)p.Properties["PartNumber"].Value));
        var job = Assert.Single(session.InvokeChecked("$script:upload | Complete-VaultUploadSession -Wait"));

        Assert.Equal("SUCCESS", job.Properties["Status"].Value);
        Assert.Equal(1, session.Server.Requests.Count(r => r.Endpoint == EmulatorEndpoint.UploadPart && r.PartNumber == 1));
        Assert.Equal(File.ReadAllBytes(file.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/steps/step.bin")));
        Assert.Empty(session.InvokeChecked("Get-VaultUploadSession"));
    }

    [Fact]
    public async Task SendVaultFile_ResumesASessionLeftByAnEarlierRun()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var file = tree.Add("left.bin", (2 * FivePartBytes) + 5);
        session.SetVariable("file", file.FullName);
        session.InvokeChecked("New-VaultUploadSession -LiteralPath $file -Destination /resume -PartSize 5MB | Send-VaultFilePart -PartNumber 1, 2");
        var left = Assert.Single(session.InvokeChecked("Get-VaultUploadSession"));
        session.SetVariable("leftId", left.Properties["Id"].Value);
        Assert.Equal(2, session.InvokeChecked("Get-VaultUploadSession -Id $leftId -Parts").Count);
        session.Server.ClearRequests();

        var result = Assert.Single(session.InvokeChecked("Send-VaultFile -LiteralPath $file -Destination /resume -PartSize 5MB -ResumableThreshold 1MB -PassThru"));

        Assert.Equal("Staged", result.Properties["Status"].Value);
        Assert.Equal(left.Properties["Id"].Value, result.Properties["SessionId"].Value);
        Assert.Equal(1, result.Properties["PartsSent"].Value);
        Assert.Equal(new int?[] { 3 }, session.Server.Requests.Where(r => r.Endpoint == EmulatorEndpoint.UploadPart).Select(r => r.PartNumber));
        Assert.Equal(File.ReadAllBytes(file.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/resume/left.bin")));
    }

    [Fact]
    public async Task GetParts_AndRemoveVaultUploadSession_AbortsTheSession()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var file = tree.Add("abort.bin", FivePartBytes + 1);
        session.SetVariable("file", file.FullName);
        session.InvokeChecked("New-VaultUploadSession -LiteralPath $file -StagingPath /abort/renamed.bin -PartSize 5MB | Send-VaultFilePart -PartNumber 1");

        var parts = session.InvokeChecked("Get-VaultUploadSession -Parts");
        Assert.Equal(1, Assert.Single(parts).Properties["PartNumber"].Value);
        session.InvokeChecked("Remove-VaultUploadSession -WhatIf -Id (Get-VaultUploadSession).Id");
        Assert.Single(session.InvokeChecked("Get-VaultUploadSession"));
        session.InvokeChecked("Get-VaultUploadSession | Remove-VaultUploadSession -Confirm:$false");

        Assert.Empty(session.InvokeChecked("Get-VaultUploadSession"));
    }

    [Fact]
    public async Task NewSession_PipedToSendAll_PipedToCompleteWait_StagesTheFile_AndPartsCarryTheirSessionId()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var file = tree.Add("piped.bin", (2 * FivePartBytes) + 9);
        session.SetVariable("file", file.FullName);

        var output = session.InvokeChecked(
            "New-VaultUploadSession -LiteralPath $file -Destination /piped -PartSize 5MB | Send-VaultFilePart -All | " +
            "ForEach-Object { $script:parts += @($_); $_ } | Complete-VaultUploadSession -Wait");

        var job = Assert.Single(output);
        Assert.Equal("SUCCESS", job.Properties["Status"].Value);
        Assert.Equal(File.ReadAllBytes(file.FullName), File.ReadAllBytes(session.Server.GetLocalPath("/piped/piped.bin")));
        var parts = session.InvokeChecked("$script:parts");
        Assert.Equal(3, parts.Count);
        Assert.Single(parts.Select(p => (string)p.Properties["SessionId"].Value).Distinct());
        Assert.All(parts, p => Assert.False(string.IsNullOrEmpty((string)p.Properties["SessionId"].Value)));
        Assert.Equal(1, session.Server.Requests.Count(r => r.Endpoint == EmulatorEndpoint.Commit));
    }

    [Fact]
    public async Task TheObjectNewSessionReturns_PipesToRemoveVaultUploadSession()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var file = tree.Add("drop.bin", FivePartBytes + 1);
        session.SetVariable("file", file.FullName);
        session.InvokeChecked("$script:up = New-VaultUploadSession -LiteralPath $file -Destination /drop -PartSize 5MB");
        Assert.Single(session.InvokeChecked("Get-VaultUploadSession"));

        session.InvokeChecked("$script:up | Remove-VaultUploadSession -Confirm:$false");

        Assert.Empty(session.InvokeChecked("Get-VaultUploadSession"));
    }

    [Fact]
    public async Task SendVaultFileNoWaitPassThru_PipedToWaitVaultJob_WaitsForJobs_AndPassesOverTheRestVerbosely()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("big.bin", FivePartBytes + 3);
        var small = tree.Add("small.txt", 10);

        var shell = session.Run("$input | Send-VaultFile -Destination /nowait -NoWait -PassThru -PartSize 5MB -ResumableThreshold 1MB | Wait-VaultJob -Verbose", tree.Files, out var output);

        Assert.Empty(shell.Streams.Error);
        Assert.Equal("SUCCESS", Assert.Single(output).Properties["Status"].Value);
        Assert.Contains(shell.Streams.Verbose, v => v.Message.Contains(small.FullName) && v.Message.Contains("no commit job"));

        var read = session.Run("$input | Send-VaultFile -Destination /nowait2 -NoWait -PassThru -PartSize 5MB -ResumableThreshold 1MB | Get-VaultJob", tree.Files, out var jobs);
        Assert.Empty(read.Streams.Error);
        Assert.Single(jobs);
    }
}
