using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Cli;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Unattended;

/// <summary>Issue 11 through the built vaultstaging command, as a nightly cron job runs it.</summary>
public sealed class UnattendedCliTests
{
    [Fact]
    public async Task Update_and_dry_run_report_what_each_file_gets()
    {
        await using var host = await CliTestHost.StartAsync();
        var same = host.CreateFile("src/same.txt", 100, seed: 1);
        var changed = host.CreateFile("src/changed.txt", 100, seed: 2);
        Assert.Equal(0, (await host.RunBuiltAsync("upload", host.Local.Combine("src"), "--recurse", "--to", "/demo")).ExitCode);
        RandomFile.Create(changed, 100, seed: 3);
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(5));
        host.CreateFile("src/new.txt", 50, seed: 4);
        var before = host.Server.Requests.Count;

        var dry = await host.RunBuiltAsync("upload", host.Local.Combine("src"), "--recurse", "--to", "/demo", "--update", "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains(dry.StdoutLines, l => l.StartsWith("would skip", StringComparison.Ordinal) && l.Contains("/demo/src/same.txt"));
        Assert.Contains(dry.StdoutLines, l => l.StartsWith("would update", StringComparison.Ordinal) && l.Contains("/demo/src/changed.txt"));
        Assert.Contains(dry.StdoutLines, l => l.StartsWith("would stage", StringComparison.Ordinal) && l.Contains("/demo/src/new.txt"));
        Assert.StartsWith("dry run, nothing sent: 1 would be staged, 1 would be updated, 1 would be skipped, 0 would be failed", dry.StdoutLines[^1]);
        Assert.All(host.Server.Requests.Skip(before), r => Assert.True(r.Method == "GET" || r.Endpoint is EmulatorEndpoint.Auth or EmulatorEndpoint.Logout, r.Method + " " + r.Path));

        var run = await host.RunBuiltAsync("upload", host.Local.Combine("src"), "--recurse", "--to", "/demo", "--update", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var statuses = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("stagingPath").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal("skipped", statuses["/demo/src/same.txt"]);
        Assert.Equal("updated", statuses["/demo/src/changed.txt"]);
        Assert.Equal("staged", statuses["/demo/src/new.txt"]);
        Assert.Equal(RandomFile.Md5Of(changed), RandomFile.Md5Of(host.Server.GetLocalPath("/demo/src/changed.txt")));
    }

    [Fact]
    public async Task Names_vault_refuses_fail_alone_every_one_listed_and_the_rest_is_staged()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("tree/ok.txt", 10);
        host.CreateFile("tree/sub/also-ok.txt", 10);
        host.CreateFile("tree/what?.txt", 10);
        host.CreateFile("tree/sub/" + new string('n', 220) + ".txt", 10);
        host.CreateFile("tree/tab\there.txt", 10);

        var run = await host.RunBuiltAsync("upload", host.Local.Combine("tree"), "--recurse", "--to", "/demo", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.All(run.StdoutLines, l => JsonDocument.Parse(l)); // stdout stays pure JSON Lines
        var failures = run.StderrLines.Where(l => l.Contains("was not staged", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, l => l.Contains("what?.txt", StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("UTF-8 bytes", StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("control character", StringComparison.Ordinal));
        Assert.True(File.Exists(host.Server.GetLocalPath("/demo/tree/ok.txt")));
        Assert.True(File.Exists(host.Server.GetLocalPath("/demo/tree/sub/also-ok.txt")));
    }

    [Fact]
    public async Task Two_sources_for_one_staging_path_are_refused_before_anything_is_sent()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("one/report.txt", 10, seed: 1);
        var b = host.CreateFile("two/report.txt", 10, seed: 2);
        var c = host.CreateFile("two/Notes.txt", 10, seed: 3);
        var d = host.CreateFile("three/notes.TXT", 10, seed: 4);
        var before = host.Server.Requests.Count;

        var run = await host.RunBuiltAsync("upload", a, b, c, d, "--to", "/demo");

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("2 staging path(s)", line);
        Assert.Contains($"'{a}' and '{b}' -> /demo/report.txt", line);
        Assert.Contains($"'{c}' and '{d}' -> /demo/notes.TXT", line);
        Assert.Equal(before, host.Server.Requests.Count);
    }

    [Fact]
    public async Task Directory_links_are_reported_once_and_followed_only_when_asked_without_looping()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("tree/a.txt", 10);
        host.CreateFile("elsewhere/x.txt", 10);
        host.CreateFile("elsewhere2/y.txt", 10);
        Directory.CreateSymbolicLink(host.Local.Combine("tree/link1"), host.Local.Combine("elsewhere"));
        Directory.CreateSymbolicLink(host.Local.Combine("tree/link2"), host.Local.Combine("elsewhere2"));
        Directory.CreateSymbolicLink(host.Local.Combine("tree/loop"), host.Local.Combine("tree"));

        var plain = await host.RunBuiltAsync("upload", host.Local.Combine("tree"), "--recurse", "--to", "/plain");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Single(plain.StderrLines, l => l.Contains("link(s) to directories not followed", StringComparison.Ordinal) && l.Contains("3 link(s)", StringComparison.Ordinal));
        Assert.False(File.Exists(host.Server.GetLocalPath("/plain/tree/link1/x.txt")));

        var followed = await host.RunBuiltAsync("upload", host.Local.Combine("tree"), "--recurse", "--follow-links", "--to", "/followed");

        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.True(File.Exists(host.Server.GetLocalPath("/followed/tree/link1/x.txt")));
        Assert.True(File.Exists(host.Server.GetLocalPath("/followed/tree/link2/y.txt")));
        Assert.Single(followed.StderrLines, l => l.Contains("(a loop)", StringComparison.Ordinal) && l.Contains("loop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttling_is_summed_up_and_totalled_not_one_line_per_request()
    {
        // Vault's own delay shortened; the client spaces its requests 500 ms apart once the window is empty, on a
        // clock that moves by each wait instead of waiting.
        await using var host = await CliTestHost.StartAsync(l => l.BurstDelay = TimeSpan.FromMilliseconds(5));
        for (var i = 0; i < 3; i++)
        {
            host.CreateFile($"many/f{i}.txt", 10, seed: i);
        }

        host.Server.Faults.Add(new FaultRule { Kind = FaultKind.BurstExhausted, Count = 0 });
        var clock = new ManualClock { AdvancesWhenWaited = true };
        var started = clock.GetUtcNow();
        host.Time = clock;

        var run = await host.RunAsync("upload", host.Local.Combine("many"), "--recurse", "--to", "/demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(2), $"requests were spaced {clock.GetUtcNow() - started} in all");
        var delayed = run.StderrLines.Where(l => l.Contains("Vault delayed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, delayed.Count);
        Assert.Contains("in total", delayed[1]);
    }

    [Fact]
    public async Task A_no_op_rerun_of_many_files_costs_a_few_requests()
    {
        await using var host = await CliTestHost.StartAsync();
        for (var i = 0; i < 300; i++)
        {
            host.CreateFile($"bulk/d{i % 3}/f{i}.txt", 10, seed: i);
        }

        Assert.Equal(0, (await host.RunBuiltAsync("upload", host.Local.Combine("bulk"), "--recurse", "--to", "/demo", "--parallel", "8")).ExitCode);
        var before = host.Server.Requests.Count;

        var rerun = await host.RunBuiltAsync("upload", host.Local.Combine("bulk"), "--recurse", "--to", "/demo", "--skip-existing");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.StartsWith("0 staged, 0 updated, 300 skipped, 0 failed", rerun.StdoutLines[^1]);
        Assert.InRange(host.Server.Requests.Count - before, 3, 8); // login, who-am-I, one listing per folder
    }

    [Fact]
    public async Task Usage_mistakes_get_help_and_recursive_is_an_alias()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("r/a.txt", 10);

        var typo = await host.RunBuiltAsync("uplaod", host.Local.Combine("r"), "--to", "/demo");
        var alias = await host.RunBuiltAsync("upload", host.Local.Combine("r"), "--recursive", "--to", "/demo");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("unknown command 'uplaod'; did you mean 'upload'?", typo.Stderr);
        Assert.True(alias.ExitCode == 0, alias.ToString());
        Assert.True(File.Exists(host.Server.GetLocalPath("/demo/r/a.txt")));
    }

    [Fact]
    public async Task Include_and_exclude_filters_apply_before_anything_is_sent_and_dry_run_shows_them()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("f/a.pdf", 10);
        host.CreateFile("f/b.tmp", 10);
        host.CreateFile("f/cache/c.pdf", 10);
        host.CreateFile("f/d.txt", 10);
        var patterns = host.Local.Combine("excludes.txt");
        File.WriteAllLines(patterns, new[] { "# scratch", "cache/**" });

        var dry = await host.RunBuiltAsync("upload", host.Local.Combine("f"), "--recurse", "--to", "/filtered", "--include", "*.pdf", "--include", "*.tmp",
            "--exclude", "*.tmp", "--exclude-from", patterns, "--dry-run");
        var run = await host.RunBuiltAsync("upload", host.Local.Combine("f"), "--recurse", "--to", "/filtered", "--include", "*.pdf", "--include", "*.tmp",
            "--exclude", "*.tmp", "--exclude-from", patterns);

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(3, dry.StdoutLines.Count(l => l.StartsWith("would exclude ", StringComparison.Ordinal)));
        Assert.Contains(dry.StdoutLines, l => l.StartsWith("would stage", StringComparison.Ordinal) && l.Contains("/filtered/f/a.pdf"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StderrLines, l => l.Contains("3 file(s) left out", StringComparison.Ordinal));
        Assert.True(File.Exists(host.Server.GetLocalPath("/filtered/f/a.pdf")));
        Assert.False(File.Exists(host.Server.GetLocalPath("/filtered/f/b.tmp")));
        Assert.False(File.Exists(host.Server.GetLocalPath("/filtered/f/cache/c.pdf")));
        Assert.False(File.Exists(host.Server.GetLocalPath("/filtered/f/d.txt")));
    }

    [Fact]
    public async Task A_log_file_gets_every_outcome_the_retries_and_the_summary_timestamped()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("l/a.txt", 10, seed: 1);
        host.CreateFile("l/b.txt", 10, seed: 2);
        var log = host.Local.Combine("run.log");
        File.WriteAllText(log, "an earlier run's line\n");
        host.Server.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Endpoint = EmulatorEndpoint.CreateItem, RetryAfterSeconds = 0 });

        var run = await host.RunBuiltAsync("upload", host.Local.Combine("l"), "--recurse", "--to", "/logged", "--log-file", log);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(log);
        Assert.Equal("an earlier run's line", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ", l));
        Assert.Contains(lines, l => l.Contains("started: vaultstaging upload", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("staged  /logged/l/a.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("attempt 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2 staged, 0 updated", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("exit code 0", StringComparison.Ordinal));
    }
}
