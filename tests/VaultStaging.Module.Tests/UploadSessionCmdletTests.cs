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
}
