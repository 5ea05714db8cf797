using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class MvAndRmCommandTests
{
    [Fact]
    public async Task Mv_renames_in_place_moves_into_an_existing_folder_and_follows_the_job()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 100, seed: 1);
        Assert.Equal(0, (await host.RunAsync("upload", a, "--to", "/demo")).ExitCode);
        using var connection = await ConnectAsync(host);
        await connection.Staging.EnsureFolderAsync("/other");

        var rename = await host.RunAsync("mv", "/demo/a.txt", "/demo/b.txt");
        Assert.True(rename.ExitCode == 0, rename.ToString());
        Assert.Matches(@"^done +job \d+  move /demo/a.txt -> /demo/b.txt$", Assert.Single(rename.StdoutLines));
        Assert.Null(await connection.Staging.GetItemAsync("/demo/a.txt"));

        var move = await host.RunAsync("mv", "/demo/b.txt", "/other");
        Assert.True(move.ExitCode == 0, move.ToString());
        Assert.Equal(RandomFile.Md5Of(a), RandomFile.Md5Of(host.Server.GetLocalPath("/other/b.txt")));

        var both = await host.RunAsync("mv", "/other/b.txt", "/demo/c.txt", "--json");
        Assert.True(both.ExitCode == 0, both.ToString());
        Assert.Equal("SUCCESS", JsonDocument.Parse(Assert.Single(both.StdoutLines)).RootElement.GetProperty("status").GetString());
        Assert.Equal(StagingItemKind.File, (await connection.Staging.GetItemAsync("/demo/c.txt"))!.Kind);
    }

    [Fact]
    public async Task Mv_never_replaces_without_overwrite_and_refuses_what_cannot_work()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 100, seed: 1);
        var b = host.CreateFile("b.txt", 200, seed: 2);
        Assert.Equal(0, (await host.RunAsync("upload", a, b, "--to", "/demo")).ExitCode);

        CliAssert.OneErrorLine(await host.RunAsync("mv", "/demo/a.txt", "/demo/b.txt"), 1, "--overwrite");
        Assert.Equal(RandomFile.Md5Of(b), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/b.txt")));

        var replaced = await host.RunAsync("mv", "/demo/a.txt", "/demo/b.txt", "--overwrite");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal(RandomFile.Md5Of(a), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/b.txt")));

        CliAssert.OneErrorLine(await host.RunAsync("mv", "/u1000", "/demo/x"), 2, "home folder");
        CliAssert.OneErrorLine(await host.RunAsync("mv", "/demo", "/demo/inner"), 2, "into itself");
        CliAssert.OneErrorLine(await host.RunAsync("mv", "/demo/nothing.txt", "/demo/x.txt"), 1, "Nothing is staged");
        CliAssert.OneErrorLine(await host.RunAsync("mv", "/demo/b.txt", "/missing/x.txt"), 2, "does not exist");
    }

    [Fact]
    public async Task Mv_no_wait_prints_the_job_for_jobs_wait_and_a_failed_job_is_exit_1()
    {
        await using var host = await CliTestHost.StartAsync();
        Assert.Equal(0, (await host.RunAsync("upload", host.CreateFile("a.txt", 10), "--to", "/demo")).ExitCode);

        var started = await host.RunAsync("mv", "/demo/a.txt", "/demo/b.txt", "--no-wait", "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var line = JsonDocument.Parse(Assert.Single(started.StdoutLines)).RootElement;
        Assert.Equal("started", line.GetProperty("status").GetString());
        var wait = await host.RunAsync("jobs", "wait", line.GetProperty("id").GetInt64().ToString());
        Assert.True(wait.ExitCode == 0, wait.ToString());

        host.Server.Faults.Add(new FaultRule { Kind = FaultKind.JobFails, Endpoint = EmulatorEndpoint.UpdateItem });
        var failed = await host.RunAsync("mv", "/demo/b.txt", "/demo/c.txt");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("ERRORS_ENCOUNTERED", Assert.Single(failed.StderrLines));
    }

    [Fact]
    public async Task Rm_refuses_without_a_terminal_or_yes_and_never_touches_the_root_or_a_home()
    {
        await using var host = await CliTestHost.StartAsync();
        Assert.Equal(0, (await host.RunAsync("upload", host.CreateFile("a.txt", 10), "--to", "/demo")).ExitCode);

        CliAssert.OneErrorLine(await host.RunAsync("rm", "/demo/a.txt"), 2, "--yes");
        Assert.True(File.Exists(host.Server.GetLocalPath("/demo/a.txt")));
        CliAssert.OneErrorLine(await host.RunAsync("rm", "/", "--yes", "--recurse"), 2, "staging root");
        CliAssert.OneErrorLine(await host.RunAsync("rm", "/u1000", "--yes", "--recurse"), 2, "home folder");
    }

    [Fact]
    public async Task Rm_yes_deletes_files_and_with_recurse_folders_waiting_for_the_jobs()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/a.txt", 10);
        host.CreateFile("data/sub/b.txt", 10);
        Assert.Equal(0, (await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse")).ExitCode);

        var notEmpty = await host.RunAsync("rm", "/demo/data/sub", "--yes");
        Assert.Equal(1, notEmpty.ExitCode);
        Assert.StartsWith("failed", Assert.Single(notEmpty.StderrLines));

        var run = await host.RunAsync("rm", "/demo/data/a.txt", "/demo/data/sub", "--yes", "--recurse");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.StdoutLines.Count(l => l.StartsWith("done", StringComparison.Ordinal)));
        Assert.False(File.Exists(host.Server.GetLocalPath("/demo/data/a.txt")));
        Assert.False(Directory.Exists(host.Server.GetLocalPath("/demo/data/sub")));

        var noWait = await host.RunAsync("rm", "/demo/data", "--yes", "--no-wait", "--json");
        Assert.True(noWait.ExitCode == 0, noWait.ToString());
        long id = JsonDocument.Parse(Assert.Single(noWait.StdoutLines)).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(0, (await host.RunAsync("jobs", "wait", id.ToString())).ExitCode);
    }

    [Theory]
    [InlineData("y\n", 0, false)]
    [InlineData("n\n", 1, true)]
    [InlineData("", 1, true)]
    public async Task Rm_on_a_terminal_asks_and_deletes_only_on_yes(string answer, int exitCode, bool kept)
    {
        await using var host = await CliTestHost.StartAsync();
        Assert.Equal(0, (await host.RunAsync("upload", host.CreateFile("a.txt", 10), "--to", "/demo")).ExitCode);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, errorIsTerminal: true) { Input = new StringReader(answer), InputIsTerminal = true };

        int exit = await CliApp.RunAsync(new[] { "rm", "/demo/a.txt" }.Concat(host.ConnectionArguments()).ToArray(), console, host.Environment, CancellationToken.None);

        Assert.True(exit == exitCode, stdout + "\n" + stderr);
        Assert.Contains("delete /demo/a.txt from the staging server? There is no way back. [y/N]", stderr.ToString());
        Assert.Equal(kept, File.Exists(host.Server.GetLocalPath("/demo/a.txt")));
    }

    private static Task<VaultConnection> ConnectAsync(CliTestHost host)
        => VaultConnection.ConnectAsync(new VaultConnectionOptions { Server = host.Server.BaseUrl, Credential = new VaultCredential("admin", "admin") });
}
