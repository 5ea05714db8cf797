using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>Issue 12 point 4: module state belongs to the process, connections to whoever holds them.</summary>
public sealed class RunspaceTests
{
    [Fact]
    public async Task RemoveModule_InOneRunspace_LeavesTheResolverAndTheConnectionOfAnother()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("after.txt", 10);
        using (var other = session.OpenSecondRunspace())
        {
            Assert.Equal("admin", ModuleSession.InvokeIn(other, "(Get-VaultConnection).UserName").Single().BaseObject);
            ModuleSession.InvokeIn(other, "Remove-Module VaultStaging");
        }

        var resolver = LoadedModule.Module.GetType("VaultStaging.Module.DependencyResolver", throwOnError: true)!;
        Assert.True((bool)resolver.GetProperty("IsRegistered")!.GetValue(null)!);
        Assert.Null(resolver.GetMethod("Unregister"));
        Assert.Single(session.InvokeChecked("Get-VaultConnection"));
        var result = Assert.Single(session.InvokeChecked("$input | Send-VaultFile -Destination /after -PassThru", tree.Files));
        Assert.Equal("Staged", result.Properties["Status"].Value);
    }

    [Fact]
    public async Task EachRunspace_UsesItsOwnConnection_GivenToDashConnection()
    {
        await using var session = await ModuleSession.StartAsync(
            options =>
            {
                options.Users.Add(new EmulatorUser("admin", "admin", true, 1000));
                options.Users.Add(new EmulatorUser("carol", "secret", false, 1001));
            },
            connect: false);
        using var tree = new TempTree();
        tree.Add("mine.txt", 10);
        session.InvokeChecked("$script:mine = Connect-Vault -Server $VaultUrl -Credential $VaultCredential -JobPollInterval 00:00:00.05 -PassThru");
        using var other = session.OpenSecondRunspace();
        other.SessionStateProxy.SetVariable("carol", ModuleSession.Credential("carol", "secret"));
        var carol = ModuleSession.InvokeIn(other, "$script:carol = Connect-Vault -Server $VaultUrl -Credential $carol -JobPollInterval 00:00:00.05 -PassThru; $script:carol").Single();
        Assert.Equal("carol", carol.Properties["UserName"].Value);

        // The default is now carol's (the last Connect-Vault in the process); -Connection keeps each runspace on its own.
        Assert.Equal("carol", session.InvokeChecked("(Get-VaultConnection).UserName").Single().BaseObject);
        session.InvokeChecked("$input | Send-VaultFile -Destination /mine -Connection $script:mine", tree.Files);
        ModuleSession.InvokeIn(other, "New-VaultStagingFolder -Path /carols -Connection $script:carol");

        Assert.True(File.Exists(session.Server.GetLocalPath("/mine/mine.txt")));
        Assert.True(Directory.Exists(session.Server.GetLocalPath("/u1001/carols")));
        Assert.Contains(session.InvokeChecked("Get-VaultStagingItem -Path / -Connection $script:mine"), i => (string)i.Properties["Name"].Value == "mine");

        // Ending one connection leaves the other working; the ended one is refused by name.
        ModuleSession.InvokeIn(other, "Disconnect-Vault -Connection $script:carol");
        Assert.Empty(session.InvokeChecked("Get-VaultConnection"));
        Assert.NotEmpty(session.InvokeChecked("Get-VaultStagingItem -Path /mine -Connection $script:mine"));
        using var shell = PowerShell.Create();
        shell.Runspace = other;
        shell.AddCommand("Get-VaultStagingItem").AddParameter("Connection", carol);
        var thrown = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke());
        Assert.Equal("ConnectionClosed,VaultStaging.Module.Commands.GetVaultStagingItemCommand", thrown.ErrorRecord.FullyQualifiedErrorId);
    }
}
