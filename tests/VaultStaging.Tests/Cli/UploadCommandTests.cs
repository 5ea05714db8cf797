using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class UploadCommandTests
{
    [Fact]
    public async Task Upload_of_files_stages_them_byte_identical_and_prints_one_line_each()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 1500, seed: 1);
        var b = host.CreateFile("b.bin", 70_000, seed: 2);

        var run = await host.RunAsync("upload", a, b, "--to", "/demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.Equal(3, run.StdoutLines.Length);
        Assert.Contains("staged  /demo/a.txt  1.5 KiB", run.StdoutLines);
        Assert.Contains("staged  /demo/b.bin  68.4 KiB", run.StdoutLines);
        Assert.StartsWith("2 staged, 0 updated, 0 skipped, 0 failed, ", run.StdoutLines[^1]);
        Assert.Equal(RandomFile.Md5Of(a), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/a.txt")));
        Assert.Equal(RandomFile.Md5Of(b), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/b.bin")));
    }

    [Fact]
    public async Task Upload_of_a_folder_with_recurse_keeps_its_layout()
    {
        await using var host = await CliTestHost.StartAsync();
        var x = host.CreateFile("data/x.txt", 100, seed: 3);
        var y = host.CreateFile("data/sub/y.txt", 200, seed: 4);
        var z = host.CreateFile("data/sub/deeper/z.txt", 300, seed: 5);

        var run = await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse", "--parallel", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("3 staged, 0 updated, 0 skipped, 0 failed, ", run.StdoutLines[^1]);
        Assert.Equal(RandomFile.Md5Of(x), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/data/x.txt")));
        Assert.Equal(RandomFile.Md5Of(y), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/data/sub/y.txt")));
        Assert.Equal(RandomFile.Md5Of(z), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/data/sub/deeper/z.txt")));
    }

    [Fact]
    public async Task Json_prints_one_camel_case_object_per_file()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10, seed: 1);
        var b = host.CreateFile("b.txt", 20, seed: 2);

        var run = await host.RunAsync("upload", a, b, "--to", "/demo", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
        foreach (var line in run.StdoutLines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal("staged", root.GetProperty("status").GetString());
            Assert.StartsWith("/demo/", root.GetProperty("stagingPath").GetString());
            Assert.True(File.Exists(root.GetProperty("path").GetString()));
            Assert.True(root.GetProperty("size").GetInt64() is 10 or 20);
            Assert.Equal(0, root.GetProperty("parts").GetInt32());
            Assert.False(root.TryGetProperty("error", out _));
            Assert.False(root.TryGetProperty("Status", out _));
        }
    }

    [Fact]
    public async Task Json_of_a_resumable_upload_names_its_parts_session_and_job()
    {
        await using var host = await CliTestHost.StartAsync();
        var big = host.CreateFile("big.bin", 50_000_001 + 8 * 1024 * 1024, seed: 7);

        var run = await host.RunAsync("upload", big, "--to", "/demo", "--json", "--part-size", "16MiB");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(Assert.Single(run.StdoutLines));
        var root = json.RootElement;
        Assert.Equal("staged", root.GetProperty("status").GetString());
        Assert.Equal(4, root.GetProperty("parts").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("sessionId").GetString()));
        Assert.True(root.GetProperty("jobId").GetInt64() > 0);
        Assert.Equal(RandomFile.Md5Of(big), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/big.bin")));
    }

    [Fact]
    public async Task An_existing_file_fails_without_an_option_with_one_line()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 100, seed: 1);
        Assert.Equal(0, (await host.RunAsync("upload", a, "--to", "/demo")).ExitCode);

        var run = await host.RunAsync("upload", a, "--to", "/demo");

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("failed  /demo/a.txt  ", line);
        Assert.DoesNotContain("Exception", line);
        Assert.StartsWith("0 staged, 0 updated, 0 skipped, 1 failed, ", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task Skip_existing_skips_an_identical_copy_and_fails_a_changed_file_naming_update()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 100, seed: 1);
        Assert.Equal(0, (await host.RunAsync("upload", a, "--to", "/demo")).ExitCode);
        string stagedMd5 = RandomFile.Md5Of(host.Server.GetLocalPath("/demo/a.txt"));

        var same = await host.RunAsync("upload", a, "--to", "/demo", "--skip-existing");
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("skipped /demo/a.txt  identical copy already staged", same.StdoutLines);
        Assert.StartsWith("0 staged, 0 updated, 1 skipped, 0 failed, ", same.StdoutLines[^1]);

        // Changed after it was staged (same size: only the last-write time tells).
        RandomFile.Create(a, 100, seed: 9);
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(5));
        var changed = await host.RunAsync("upload", a, "--to", "/demo", "--skip-existing");

        Assert.True(changed.ExitCode == 1, changed.ToString());
        var error = Assert.Single(changed.StderrLines, l => l.Contains("/demo/a.txt", StringComparison.Ordinal));
        Assert.Contains("differs", error);
        Assert.Contains("--update", error);
        Assert.Contains("--overwrite", error);
        Assert.DoesNotContain("-Update", error.Replace("--update", "", StringComparison.Ordinal));
        Assert.StartsWith("0 staged, 0 updated, 0 skipped, 1 failed, ", changed.StdoutLines[^1]);
        Assert.Equal(stagedMd5, RandomFile.Md5Of(host.Server.GetLocalPath("/demo/a.txt")));
    }

    [Fact]
    public async Task Overwrite_replaces_the_staged_file()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 100, seed: 1);
        Assert.Equal(0, (await host.RunAsync("upload", a, "--to", "/demo")).ExitCode);
        RandomFile.Create(a, 150, seed: 9);

        var run = await host.RunAsync("upload", a, "--to", "/demo", "--overwrite");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("0 staged, 1 updated, 0 skipped, 0 failed, ", run.StdoutLines[^1]);
        Assert.Equal(RandomFile.Md5Of(a), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/a.txt")));
    }

    [Fact]
    public async Task Ctrl_c_during_an_upload_exits_130_with_one_line()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 100, seed: 1);
        host.Server.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Endpoint = EmulatorEndpoint.CreateItem, Delay = TimeSpan.FromSeconds(30), Count = 0 });
        using var cancellation = new CancellationTokenSource();

        var running = host.RunAsync(cancellation.Token, "upload", a, "--to", "/demo");
        await WaitUntilAsync(() => host.Server.Requests.Any(r => r.Endpoint == EmulatorEndpoint.Me || r.Endpoint == EmulatorEndpoint.Auth));
        cancellation.Cancel();
        var run = await running;

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains(run.StderrLines, l => l.StartsWith("vaultstaging: cancelled", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", run.Stderr);
    }

    [Fact]
    public async Task On_a_terminal_a_status_line_is_drawn_and_cleared_and_results_stay_on_stdout()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 1500, seed: 1);
        var b = host.CreateFile("b.txt", 2500, seed: 2);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new VaultStaging.Cli.CliConsole(stdout, stderr, errorIsTerminal: true, width: 60);
        string[] args = new[] { "upload", a, b, "--to", "/demo" }.Concat(host.ConnectionArguments()).ToArray();

        int exitCode = await VaultStaging.Cli.CliApp.RunAsync(args, console, host.Environment, CancellationToken.None);

        Assert.True(exitCode == 0, stdout + "\n" + stderr);
        Assert.Contains("files", stderr.ToString());
        Assert.EndsWith("\r", stderr.ToString());
        Assert.DoesNotContain("vaultstaging:", stderr.ToString());
        Assert.Contains("staged  /demo/a.txt  1.5 KiB", stdout.ToString());
        Assert.All(stderr.ToString().Split('\r'), segment => Assert.True(segment.Length < 60, segment));
    }

    [Fact]
    public async Task Emulator_option_stages_without_any_vault()
    {
        using var local = new TempFolder("vaultstaging-cli");
        var a = RandomFile.Create(local.Combine("a.txt"), 1000);

        var run = await CliTestHost.RunRawAsync(new System.Collections.Generic.Dictionary<string, string?>(), CancellationToken.None, "upload", a, "--to", "/demo", "--emulator");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("staged  /demo/a.txt  1000 B", run.StdoutLines);
        Assert.StartsWith("1 staged, 0 updated, 0 skipped, 0 failed, ", run.StdoutLines[^1]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token); // real time: polls a condition the CLI reaches on its own threads over a real socket
        }
    }
}
