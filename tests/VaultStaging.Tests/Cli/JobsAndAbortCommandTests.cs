using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class JobsAndAbortCommandTests
{
    private const int PartSize = 5 * 1024 * 1024;

    [Fact]
    public async Task Jobs_wait_follows_a_job_to_its_end_and_jobs_show_reads_one()
    {
        await using var host = await CliTestHost.StartAsync();
        using var connection = await ConnectAsync(host);
        await connection.Staging.EnsureFolderAsync("/u1000/old");
        long jobId = await connection.Staging.DeleteItemAsync("/u1000/old");

        var wait = await host.RunAsync("jobs", "wait", jobId.ToString());
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.Equal("done      job " + jobId, Assert.Single(wait.StdoutLines));

        var show = await host.RunAsync("jobs", "show", jobId.ToString());
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(show.StdoutLines, l => l.StartsWith("Status:", StringComparison.Ordinal) && l.EndsWith("SUCCESS", StringComparison.Ordinal));

        var json = await host.RunAsync("jobs", "show", jobId.ToString(), "--json");
        var line = JsonDocument.Parse(Assert.Single(json.StdoutLines)).RootElement;
        Assert.Equal(jobId, line.GetProperty("id").GetInt64());
        Assert.Equal("SUCCESS", line.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Jobs_wait_exits_1_when_a_job_fails_and_still_reports_the_others()
    {
        await using var host = await CliTestHost.StartAsync();
        using var connection = await ConnectAsync(host);
        await connection.Staging.EnsureFolderAsync("/u1000/a");
        await connection.Staging.EnsureFolderAsync("/u1000/b");
        long good = await connection.Staging.DeleteItemAsync("/u1000/a");
        host.Server.Faults.Add(new FaultRule { Kind = FaultKind.JobFails, Endpoint = EmulatorEndpoint.DeleteItem });
        long bad = await connection.Staging.DeleteItemAsync("/u1000/b");

        var run = await host.RunAsync("jobs", "wait", good.ToString(), bad.ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("done      job " + good, Assert.Single(run.StdoutLines));
        var error = Assert.Single(run.StderrLines);
        Assert.StartsWith("failed    job " + bad, error);
        Assert.Contains("ERRORS_ENCOUNTERED", error);
    }

    [Fact]
    public async Task Jobs_show_of_an_unknown_id_is_one_error_line()
    {
        await using var host = await CliTestHost.StartAsync();

        CliAssert.OneErrorLine(await host.RunAsync("jobs", "show", "987654"), 1, "987654");
        CliAssert.OneErrorLine(await host.RunAsync("jobs", "show", "not-a-number"), 2, "not-a-number");
    }

    [Fact]
    public async Task Sessions_abort_by_path_and_all_mine_need_no_session_id()
    {
        await using var host = await CliTestHost.StartAsync();
        using var connection = await ConnectAsync(host);
        string first = await CreateSessionAsync(connection, "/u1000/big/one.bin");
        string second = await CreateSessionAsync(connection, "/u1000/big/two.bin");
        string third = await CreateSessionAsync(connection, "/u1000/big/three.bin");

        var byPath = await host.RunAsync("sessions", "abort", "--path", "/u1000/big/one.bin");
        Assert.True(byPath.ExitCode == 0, byPath.ToString());
        Assert.Equal("aborted " + first + "  /u1000/big/one.bin", Assert.Single(byPath.StdoutLines));

        CliAssert.OneErrorLine(await host.RunAsync("sessions", "abort", "--path", "/u1000/big/one.bin"), 2, "no active upload session");
        CliAssert.OneErrorLine(await host.RunAsync("sessions", "abort", second, "--all-mine"), 2, "exactly one way");
        CliAssert.OneErrorLine(await host.RunAsync("sessions", "abort"), 2, "exactly one way");

        var mine = await host.RunAsync("sessions", "abort", "--all-mine", "--json");
        Assert.True(mine.ExitCode == 0, mine.ToString());
        var ids = mine.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).OrderBy(i => i).ToArray();
        Assert.Equal(new[] { second, third }.OrderBy(i => i).ToArray(), ids);
        Assert.Empty(await connection.Staging.ListSessionsAsync());
    }

    private static Task<VaultConnection> ConnectAsync(CliTestHost host)
        => VaultConnection.ConnectAsync(new VaultConnectionOptions { Server = host.Server.BaseUrl, Credential = new VaultCredential("admin", "admin") });

    private static async Task<string> CreateSessionAsync(VaultConnection connection, string path)
    {
        await connection.Staging.EnsureFolderAsync(StagingPath.GetParent(path));
        var session = await connection.Staging.CreateSessionAsync(path, 3L * PartSize, overwrite: false);
        var bytes = new byte[PartSize];
        new Random(5).NextBytes(bytes);
        await connection.Staging.UploadPartAsync(session.Id, 1, new ArraySegment<byte>(bytes), MD5.HashData(bytes));
        return session.Id;
    }
}
