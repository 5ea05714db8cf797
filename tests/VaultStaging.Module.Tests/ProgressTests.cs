using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>Issue 12 point 5: progress follows the caller's preference, and its ids stay out of the caller's way.</summary>
public sealed class ProgressTests
{
    // An advanced function's own Write-Progress -Id 1 (Write-Progress itself lives in a module the bare engine lacks).
    private const string CallerProgress =
        "function Write-Outer { [CmdletBinding()] param([switch] $Completed) " +
        "$record = [System.Management.Automation.ProgressRecord]::new(1, 'Caller', 'working'); " +
        "if ($Completed) { $record.RecordType = 'Completed' }; $PSCmdlet.WriteProgress($record) }; ";

    [Fact]
    public async Task CallersOwnProgressIdOne_IsNotReused_AndEveryActivityOfTheCallIsCompleted()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 100);
        tree.Add("b.txt", 100);

        var shell = session.Run(
            CallerProgress + "$ProgressPreference = 'Continue'; Write-Outer; $input | Send-VaultFile -Destination /progress; Write-Outer -Completed",
            tree.Files,
            out _);

        Assert.Empty(shell.Streams.Error);
        var progress = shell.Streams.Progress.ToList();
        var callers = progress.Where(p => p.Activity == "Caller").ToList();
        Assert.Equal(2, callers.Count);
        var ours = progress.Except(callers).ToList();
        Assert.NotEmpty(ours);
        Assert.DoesNotContain(ours, p => p.ActivityId == 1);
        var parent = Assert.Single(ours.Where(p => p.ParentActivityId < 0).Select(p => p.ActivityId).Distinct());
        Assert.Equal(ProgressRecordType.Completed, ours.Last(p => p.ActivityId == parent).RecordType);
    }

    [Fact]
    public async Task ProgressParentId_NestsTheCallUnderTheCallersActivity()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 100);

        var shell = session.Run(
            CallerProgress + "$ProgressPreference = 'Continue'; Write-Outer; $input | Send-VaultFile -Destination /nested -ProgressParentId 1; Write-Outer -Completed",
            tree.Files,
            out _);

        Assert.Empty(shell.Streams.Error);
        var ours = shell.Streams.Progress.Where(p => p.Activity != "Caller").ToList();
        Assert.NotEmpty(ours);
        var callParent = ours.Where(p => p.ParentActivityId == 1).Select(p => p.ActivityId).Distinct();
        Assert.NotEqual(1, Assert.Single(callParent));
        Assert.DoesNotContain(ours, p => p.ParentActivityId < 0);
    }

    [Theory]
    [InlineData("$ProgressPreference = 'SilentlyContinue'; $input | Send-VaultFile -Destination /quiet1")]
    [InlineData("$ProgressPreference = 'Continue'; $input | Send-VaultFile -Destination /quiet2 -ProgressAction SilentlyContinue")]
    public async Task SilentlyContinue_ByPreferenceOrProgressAction_WritesNoProgress(string script)
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        tree.Add("a.txt", 100);

        var shell = session.Run(script, tree.Files, out _);

        Assert.Empty(shell.Streams.Error);
        Assert.Empty(shell.Streams.Progress);
    }

    [Fact]
    public async Task SendVaultFilePartAll_WritesItsProgressUnderTheSameHighId_AndCompletesIt()
    {
        await using var session = await ModuleSession.StartAsync();
        using var tree = new TempTree();
        var file = tree.Add("p.bin", (5 * 1024 * 1024) + 10);
        session.SetVariable("file", file.FullName);

        var shell = session.Run("$ProgressPreference = 'Continue'; New-VaultUploadSession -LiteralPath $file -Destination /p -PartSize 5MB | Send-VaultFilePart -All -ProgressParentId 7", null, out _);

        Assert.Empty(shell.Streams.Error);
        var progress = shell.Streams.Progress.ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(7, p.ParentActivityId));
        Assert.DoesNotContain(progress, p => p.ActivityId == 1);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
    }
}
