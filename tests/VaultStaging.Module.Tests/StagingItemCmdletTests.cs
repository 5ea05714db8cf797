using System.Management.Automation;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class StagingItemCmdletTests
{
    [Fact]
    public async Task Folders_AreCreatedListedAndRemoved()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 10);

        session.InvokeChecked("New-VaultStagingFolder -Path /items/deep/er -Force");
        session.InvokeChecked("$input | Send-VaultFile -Destination /items/deep", tree.Files);
        var listed = session.InvokeChecked("Get-VaultStagingItem -Path /items -Recurse");
        Assert.Contains(listed, item => (string)item.Properties["Path"].Value == "/items/deep/a.txt");
        Assert.Contains(listed, item => (string)item.Properties["Path"].Value == "/items/deep/er");

        session.InvokeChecked("Remove-VaultStagingItem -Path /items/deep -Recurse -WhatIf");
        Assert.True(File.Exists(session.Server.GetLocalPath("/items/deep/a.txt")));
        var job = Assert.Single(session.InvokeChecked("Remove-VaultStagingItem -Path /items/deep -Recurse -Confirm:$false -PassThru | Wait-VaultJob"));
        Assert.Equal("SUCCESS", job.Properties["Status"].Value);
        Assert.Equal(job.Properties["Id"].Value, Assert.Single(session.InvokeChecked("Get-VaultJob -Id $args[0]".Replace("$args[0]", job.Properties["Id"].Value.ToString()))).Properties["Id"].Value);
        Assert.DoesNotContain(session.InvokeChecked("Get-VaultStagingItem -Path /items"), item => (string)item.Properties["Name"].Value == "deep");
    }

    [Fact]
    public async Task GetVaultConnection_ShowsWhoAndWhere_AndDisconnectForgetsIt()
    {
        await using var session = await ModuleSession.StartAsync();

        var connection = Assert.Single(session.InvokeChecked("Get-VaultConnection"));
        Assert.Equal("admin", connection.Properties["UserName"].Value);
        Assert.Equal(1000L, connection.Properties["UserId"].Value);
        Assert.Equal(true, connection.Properties["IsAdmin"].Value);
        Assert.Equal("/u1000", connection.Properties["HomeFolder"].Value);
        Assert.DoesNotContain(connection.Properties, p => p.Name.Contains("Session", System.StringComparison.OrdinalIgnoreCase) && p.Name != "CanRenewSession");

        session.InvokeChecked("Disconnect-Vault");
        Assert.Empty(session.InvokeChecked("Get-VaultConnection"));
    }

    [Fact]
    public async Task RemoveVaultStagingItem_IsConfirmImpactHigh_AsksByDefault_AndForceSkipsTheQuestion()
    {
        await using var session = await ModuleSession.StartAsync();
        session.InvokeChecked("New-VaultStagingFolder -Path /t/keep, /t/gone, /t/whatif -Force");
        var type = ModuleConventionTests.CmdletTypes()["Remove-VaultStagingItem"];
        var cmdlet = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        Assert.Equal((int)ConfirmImpact.High, (int)cmdlet.NamedArguments.Single(a => a.MemberName == "ConfirmImpact").TypedValue.Value!);

        // $ConfirmPreference is High by default: the cmdlet asks, and this host cannot answer, so nothing is deleted.
        var asked = session.Run("Remove-VaultStagingItem -Path /t/keep", null, out _);
        Assert.True(asked.HadErrors);
        Assert.True(Directory.Exists(session.Server.GetLocalPath("/t/keep")));

        session.InvokeChecked("Remove-VaultStagingItem -Path /t/whatif -Force -WhatIf");
        Assert.True(Directory.Exists(session.Server.GetLocalPath("/t/whatif")));

        session.InvokeChecked("Remove-VaultStagingItem -Path /t/gone -Force -PassThru | Wait-VaultJob");
        Assert.False(Directory.Exists(session.Server.GetLocalPath("/t/gone")));
    }
}
