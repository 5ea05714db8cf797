using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class DownloadCommandTests
{
    [Fact]
    public async Task Download_recurse_saves_a_staged_tree_byte_identical_and_a_second_run_respects_existing_files()
    {
        await using var host = await CliTestHost.StartAsync();
        var x = host.CreateFile("data/x.txt", 100, seed: 3);
        var y = host.CreateFile("data/sub/y.bin", 70_000, seed: 4);
        Assert.Equal(0, (await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse")).ExitCode);
        var into = Path.Combine(host.Local.Path, "in");

        var run = await host.RunAsync("download", "/demo/data", "--to", into, "--recurse", "--range-size", "16384");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(RandomFile.Md5Of(x), RandomFile.Md5Of(Path.Combine(into, "data", "x.txt")));
        Assert.Equal(RandomFile.Md5Of(y), RandomFile.Md5Of(Path.Combine(into, "data", "sub", "y.bin")));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("downloaded", StringComparison.Ordinal) && l.Contains("/demo/data/sub/y.bin"));
        Assert.StartsWith("2 downloaded, 0 skipped, 0 failed", run.StdoutLines[^1]);
        Assert.Empty(Directory.GetFiles(into, "*.vaultstaging-partial", SearchOption.AllDirectories));

        var again = await host.RunAsync("download", "/demo/data", "--to", into, "--recurse");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(2, again.StderrLines.Count(l => l.StartsWith("failed", StringComparison.Ordinal) && l.Contains("already exists")));

        var skip = await host.RunAsync("download", "/demo/data", "--to", into, "--recurse", "--skip-existing", "--json");
        Assert.True(skip.ExitCode == 0, skip.ToString());
        Assert.All(skip.StdoutLines, l => Assert.Equal("skipped", JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()));

        var update = await host.RunAsync("download", "/demo/data", "--to", into, "--recurse", "--update", "--json");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal(2, update.StdoutLines.Length);
        Assert.All(update.StdoutLines, l => Assert.Equal("skipped", JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()));

        var overwrite = await host.RunAsync("download", "/demo/data/x.txt", "--to", into, "--overwrite", "--json");
        Assert.True(overwrite.ExitCode == 0, overwrite.ToString());
        var line = JsonDocument.Parse(Assert.Single(overwrite.StdoutLines)).RootElement;
        Assert.Equal("downloaded", line.GetProperty("status").GetString());
        Assert.Equal(Path.Combine(into, "x.txt"), line.GetProperty("path").GetString());
        Assert.Equal(100, line.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Download_resumes_a_partial_file_left_by_an_interrupted_run()
    {
        await using var host = await CliTestHost.StartAsync();
        var big = host.CreateFile("big.bin", 50_000, seed: 8);
        Assert.Equal(0, (await host.RunAsync("upload", big, "--to", "/demo")).ExitCode);
        var into = Path.Combine(host.Local.Path, "in");
        Directory.CreateDirectory(into);
        File.WriteAllBytes(Path.Combine(into, "big.bin.vaultstaging-partial"), File.ReadAllBytes(big).Take(20_000).ToArray());

        var plan = await host.RunAsync("download", "/demo/big.bin", "--to", into, "--dry-run", "--range-size", "8192");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.StartsWith("would resume", plan.StdoutLines[0]);
        Assert.False(File.Exists(Path.Combine(into, "big.bin")));

        var run = await host.RunAsync("download", "/demo/big.bin", "--to", into, "--range-size", "8192");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("resumed after 19.5 KiB", run.StdoutLines[0]);
        Assert.Equal(RandomFile.Md5Of(big), RandomFile.Md5Of(Path.Combine(into, "big.bin")));
        Assert.False(File.Exists(Path.Combine(into, "big.bin.vaultstaging-partial")));
    }

    [Fact]
    public async Task Download_dry_run_lists_what_would_happen_and_writes_nothing()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/a.txt", 10, seed: 1);
        host.CreateFile("data/b.txt", 20, seed: 2);
        Assert.Equal(0, (await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse")).ExitCode);
        var into = Path.Combine(host.Local.Path, "in");

        var run = await host.RunAsync("download", "/demo/data", "--to", into, "--recurse", "--dry-run", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var actions = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal("download", a.GetProperty("action").GetString()));
        Assert.False(Directory.Exists(into));
    }

    [Fact]
    public async Task Download_of_a_folder_without_recurse_is_a_usage_error_and_a_missing_path_a_failure()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/a.txt", 10);
        Assert.Equal(0, (await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse")).ExitCode);
        var into = Path.Combine(host.Local.Path, "in");

        CliAssert.OneErrorLine(await host.RunAsync("download", "/demo/data", "--to", into), 2, "pass --recurse");
        CliAssert.OneErrorLine(await host.RunAsync("download", "/demo/a.txt", "--to", into, "--overwrite", "--update"), 2, "contradict");
        CliAssert.OneErrorLine(await host.RunAsync("download", "relative/a.txt", "--to", into), 2, "relative");
        CliAssert.OneErrorLine(await host.RunAsync("download", "/demo/a.txt", "--to", into, "--frobnicate"), 2, "unknown option '--frobnicate'");

        var missing = await host.RunAsync("download", "/demo/nothing.txt", "/demo/data/a.txt", "--to", into);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains(missing.StderrLines, l => l.StartsWith("failed", StringComparison.Ordinal) && l.Contains("/demo/nothing.txt"));
        Assert.True(File.Exists(Path.Combine(into, "a.txt")));

        var json = await host.RunAsync("download", "/demo/nothing.txt", "--to", into, "--json");
        Assert.Equal(1, json.ExitCode);
        var line = JsonDocument.Parse(Assert.Single(json.StdoutLines)).RootElement;
        Assert.Equal("failed", line.GetProperty("status").GetString());
        Assert.Equal("StagingItemNotFound", line.GetProperty("errorId").GetString());
        Assert.StartsWith("vaultstaging: failed", Assert.Single(json.StderrLines));
    }

    [Fact]
    public async Task Download_filters_take_the_path_below_the_folder_given()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/keep.pdf", 10, seed: 1);
        host.CreateFile("data/old/skip.pdf", 10, seed: 2);
        host.CreateFile("data/note.txt", 10, seed: 3);
        Assert.Equal(0, (await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse")).ExitCode);
        var into = Path.Combine(host.Local.Path, "in");

        var run = await host.RunAsync("download", "/demo/data", "--to", into, "--recurse", "--include", "*.pdf", "--exclude", "old/**");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(into, "data", "keep.pdf")));
        Assert.False(File.Exists(Path.Combine(into, "data", "old", "skip.pdf")));
        Assert.False(File.Exists(Path.Combine(into, "data", "note.txt")));
        Assert.Contains(run.StderrLines, l => l.Contains("2 file(s) left out", StringComparison.Ordinal));
    }
}
