using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class MoveStagingItemTests
{
    [Fact]
    public async Task MoveAndRename_FollowTheJob_PassThruGivesTheNewItem_WhatIfChangesNothing()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.csv", 10);
        tree.Add("b.csv", 20);
        session.InvokeChecked("$input | Send-VaultFile -Destination /u1000/inbound", tree.Files);
        session.InvokeChecked("New-VaultStagingFolder -Path /u1000/done");

        session.InvokeChecked("Move-VaultStagingItem -Path /u1000/inbound/a.csv -Destination /u1000/done -WhatIf");
        Assert.True(File.Exists(session.Server.GetLocalPath("/u1000/inbound/a.csv")));

        var moved = session.InvokeChecked("Get-VaultStagingItem /u1000/inbound | Move-VaultStagingItem -Destination /u1000/done -PassThru -Confirm:$false");
        Assert.Equal(new[] { "/u1000/done/a.csv", "/u1000/done/b.csv" }, moved.Select(m => (string)m.Properties["Path"].Value).OrderBy(p => p));
        Assert.Empty(session.InvokeChecked("Get-VaultStagingItem /u1000/inbound"));

        var renamed = Assert.Single(session.InvokeChecked("Rename-VaultStagingItem -Path /u1000/done/a.csv -NewName a-2025.csv -PassThru"));
        Assert.Equal("/u1000/done/a-2025.csv", renamed.Properties["Path"].Value);

        var exists = session.Run("Rename-VaultStagingItem -Path /u1000/done/b.csv -NewName a-2025.csv", null, out _);
        Assert.Equal("StagingItemExists,VaultStaging.Module.Commands.RenameVaultStagingItemCommand", Assert.Single(exists.Streams.Error).FullyQualifiedErrorId);
        session.InvokeChecked("Rename-VaultStagingItem -Path /u1000/done/b.csv -NewName a-2025.csv -Force");
        Assert.Equal(20, new FileInfo(session.Server.GetLocalPath("/u1000/done/a-2025.csv")).Length);

        var job = Assert.Single(session.InvokeChecked("Move-VaultStagingItem /u1000/done/a-2025.csv /u1000/final.csv -NoWait -PassThru | Wait-VaultJob"));
        Assert.Equal("SUCCESS", job.Properties["Status"].Value);
        Assert.True(File.Exists(session.Server.GetLocalPath("/u1000/final.csv")));
    }

    [Fact]
    public async Task TheRootAndUserHomes_AreNeverMovedOrRemoved()
    {
        await using var session = await ModuleSession.StartAsync();

        var move = session.Run("Move-VaultStagingItem -Path /u1000 -Destination /elsewhere", null, out _);
        Assert.Equal("ProtectedStagingItem,VaultStaging.Module.Commands.MoveVaultStagingItemCommand", Assert.Single(move.Streams.Error).FullyQualifiedErrorId);
        var remove = session.Run("Remove-VaultStagingItem -Path / -Recurse -Confirm:$false", null, out _);
        Assert.Equal("ProtectedStagingItem,VaultStaging.Module.Commands.RemoveVaultStagingItemCommand", Assert.Single(remove.Streams.Error).FullyQualifiedErrorId);
    }
}
