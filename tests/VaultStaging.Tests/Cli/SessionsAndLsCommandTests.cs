using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class SessionsAndLsCommandTests
{
    private const int PartSize = 5 * 1024 * 1024;

    [Fact]
    public async Task Sessions_list_show_parts_and_abort_work_on_an_active_session()
    {
        await using var host = await CliTestHost.StartAsync();
        string id = await CreateSessionWithOnePartAsync(host, "/demo/big.bin", size: 3L * PartSize);

        var list = await host.RunAsync("sessions", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(2, list.StdoutLines.Length);
        Assert.StartsWith("ID", list.StdoutLines[0]);
        Assert.Contains(id, list.StdoutLines[1]);
        Assert.Contains("/demo/big.bin", list.StdoutLines[1]);
        Assert.Contains("15.0 MiB", list.StdoutLines[1]);

        var listJson = await host.RunAsync("sessions", "list", "--json");
        using (var json = JsonDocument.Parse(Assert.Single(listJson.StdoutLines)))
        {
            Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
            Assert.Equal(3L * PartSize, json.RootElement.GetProperty("size").GetInt64());
            Assert.Equal(1, json.RootElement.GetProperty("uploadedParts").GetInt32());
        }

        var show = await host.RunAsync("sessions", "show", id);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(show.StdoutLines, l => l.StartsWith("Path:", StringComparison.Ordinal) && l.EndsWith("/demo/big.bin", StringComparison.Ordinal));
        Assert.Contains(show.StdoutLines, l => l.StartsWith("Uploaded parts:", StringComparison.Ordinal) && l.EndsWith('1'));

        var parts = await host.RunAsync("sessions", "parts", id, "--json");
        Assert.True(parts.ExitCode == 0, parts.ToString());
        using (var json = JsonDocument.Parse(Assert.Single(parts.StdoutLines)))
        {
            Assert.Equal(1, json.RootElement.GetProperty("partNumber").GetInt32());
            Assert.Equal(PartSize, json.RootElement.GetProperty("size").GetInt64());
            Assert.Equal(32, json.RootElement.GetProperty("md5").GetString()!.Length);
        }

        var abort = await host.RunAsync("sessions", "abort", id);
        Assert.True(abort.ExitCode == 0, abort.ToString());
        Assert.Equal("aborted " + id, Assert.Single(abort.StdoutLines));

        var after = await host.RunAsync("sessions", "list", "--json");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Empty(after.StdoutLines);
    }

    [Fact]
    public async Task Sessions_show_of_an_unknown_id_fails_with_one_line()
    {
        await using var host = await CliTestHost.StartAsync();

        var run = await host.RunAsync("sessions", "show", "no-such-session");

        CliAssert.OneErrorLine(run, 1, "not found");
    }

    [Fact]
    public async Task Ls_recurse_lists_files_and_folders_as_text_and_json()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/x.txt", 100, seed: 3);
        host.CreateFile("data/sub/y.txt", 2048, seed: 4);
        var upload = await host.RunAsync("upload", System.IO.Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse");
        Assert.True(upload.ExitCode == 0, upload.ToString());

        var text = await host.RunAsync("ls", "/demo", "--recurse");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith("KIND", text.StdoutLines[0]);
        Assert.Contains(text.StdoutLines, l => l.StartsWith("file", StringComparison.Ordinal) && l.Contains("2.0 KiB") && l.EndsWith("/demo/data/sub/y.txt", StringComparison.Ordinal));
        Assert.Contains(text.StdoutLines, l => l.StartsWith("folder", StringComparison.Ordinal) && l.EndsWith("/demo/data/sub", StringComparison.Ordinal));

        var json = await host.RunAsync("ls", "/demo", "--recurse", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var items = json.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var y = Assert.Single(items, i => i.GetProperty("path").GetString() == "/demo/data/sub/y.txt");
        Assert.Equal("file", y.GetProperty("kind").GetString());
        Assert.Equal(2048, y.GetProperty("size").GetInt64());
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "folder" && !i.TryGetProperty("size", out _));
    }

    [Fact]
    public async Task Ls_without_recurse_lists_one_level()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/x.txt", 100, seed: 3);
        host.CreateFile("data/sub/y.txt", 200, seed: 4);
        Assert.Equal(0, (await host.RunAsync("upload", System.IO.Path.Combine(host.Local.Path, "data"), "--to", "/demo", "--recurse")).ExitCode);

        var run = await host.RunAsync("ls", "/demo/data", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var paths = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("path").GetString()).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "/demo/data/sub", "/demo/data/x.txt" }, paths);
    }

    private static async Task<string> CreateSessionWithOnePartAsync(CliTestHost host, string path, long size)
    {
        var options = new VaultConnectionOptions { Server = host.Server.BaseUrl, Credential = new VaultCredential("admin", "admin") };
        using var connection = await VaultConnection.ConnectAsync(options);
        await connection.Staging.EnsureFolderAsync(StagingPath.GetParent(path));
        var session = await connection.Staging.CreateSessionAsync(path, size, overwrite: false);
        var bytes = new byte[PartSize];
        new Random(5).NextBytes(bytes);
        await connection.Staging.UploadPartAsync(session.Id, 1, new ArraySegment<byte>(bytes), MD5.HashData(bytes));
        return session.Id;
    }
}
