using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Cli;
using Xunit;

namespace VaultStaging.Tests.Reliability;

/// <summary>
/// Bad input through the CLI in-process: one clear stderr line, the right exit code (2 = nothing could start,
/// 1 = the transfer failed), never a stack trace, nothing half-staged. Cases already proven elsewhere:
/// Cli/UploadValidationTests (missing file, directory, relative staging path, file over the part limits, wrong
/// password, missing credentials, plain http to a remote host) and Transfer/UploadOverEmulatorTests (zero-byte and edge sizes).
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task A_staging_path_with_dot_dot_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", a, "--to", "/u1000/../u1001");

        CliAssert.OneErrorLine(run, 2, "..");
        AssertNothingStaged(host);
    }

    [Fact]
    public async Task A_name_over_218_bytes_fails_with_one_line_and_nothing_staged()
    {
        await using var host = await CliTestHost.StartAsync();
        var name = new string('é', 110) + ".txt"; // 224 bytes in UTF-8, 114 characters
        var a = host.CreateFile(name, 10);

        var run = await host.RunAsync("upload", a, "--to", "/u1000");

        AssertOneLine(run, "218");
        AssertNothingStaged(host);
    }

    [Fact]
    public async Task A_name_with_a_character_the_server_rejects_fails_with_one_line()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a:b.txt", 10);

        var run = await host.RunAsync("upload", a, "--to", "/u1000");

        AssertOneLine(run, "a:b.txt");
        AssertNothingStaged(host);
    }

    [Fact]
    public async Task A_zero_byte_file_is_staged_empty()
    {
        await using var host = await CliTestHost.StartAsync();
        var empty = host.CreateFile("empty.txt", 0);

        var run = await host.RunAsync("upload", empty, "--to", "/u1000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, new FileInfo(host.Server.GetLocalPath("/u1000/empty.txt")).Length);
    }

    [Fact]
    public async Task An_admin_path_used_by_a_non_admin_is_refused_with_the_path_to_use()
    {
        var options = new EmulatorOptions { Limits = new EmulatorLimits { JobPollInterval = TimeSpan.FromMilliseconds(50) } };
        options.Users.Add(new EmulatorUser("plain", "plain-pw", IsAdmin: false, Id: 1001));
        await using var server = await EmulatorServer.StartAsync(options);
        using var temp = new Support.TempFolder("vaultstaging-bad");
        var a = Support.RandomFile.Create(temp.Combine("a.txt"), 10, 1);
        var environment = new Dictionary<string, string?> { ["VAULTSTAGING_USERNAME"] = "plain", ["VAULTSTAGING_PASSWORD"] = "plain-pw" };

        var run = await CliTestHost.RunRawAsync(environment, CancellationToken.None, "upload", a, "--to", "/u1001/in", "--vault", server.BaseUrl.ToString());

        var line = AssertOneLine(run, "not an admin");
        Assert.Contains("'/in/a.txt'", line);
        Assert.DoesNotContain(server.Requests, r => r.Endpoint is EmulatorEndpoint.CreateItem or EmulatorEndpoint.CreateSession);
    }

    [Fact]
    public async Task An_expired_session_id_without_credentials_says_so()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);
        host.Environment.Clear();
        host.Environment["VAULTSTAGING_SESSION_ID"] = new string('A', 96);

        var run = await host.RunAsync("upload", a, "--to", "/u1000");

        var line = CliAssert.OneErrorLine(run, 2, "session");
        Assert.DoesNotContain(new string('A', 96), line);
        AssertNothingStaged(host);
    }

    [Fact]
    public async Task An_unknown_server_fails_at_once_with_one_line()
    {
        var run = await RunAgainstAsync("https://vaultstaging-no-such-host.invalid/");

        AssertOneLine(run, "vaultstaging-no-such-host.invalid");
    }

    [Fact]
    public async Task Https_to_a_port_that_speaks_plain_http_is_a_tls_failure_with_one_line()
    {
        using var plain = RawServer.Start("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        var run = await RunAgainstAsync($"https://127.0.0.1:{plain.Port}/");

        AssertOneLine(run, "127.0.0.1");
    }

    [Fact]
    public async Task A_server_answering_html_is_not_taken_for_a_vault()
    {
        const string html = "<html><body>Welcome to nginx</body></html>";
        using var web = RawServer.Start($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {html.Length}\r\nConnection: close\r\n\r\n{html}");

        var run = await RunAgainstAsync($"http://127.0.0.1:{web.Port}/", RetriesWithoutWaiting());

        AssertOneLine(run, "127.0.0.1");
    }

    [Fact]
    public async Task A_truncated_response_is_reported_with_one_line()
    {
        using var cut = RawServer.Start("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{\"responseStatus\":\"SUCC");

        var run = await RunAgainstAsync($"http://127.0.0.1:{cut.Port}/", RetriesWithoutWaiting());

        AssertOneLine(run, "auth failed after");
    }

    [Fact]
    public async Task Malformed_json_from_the_vault_is_reported_with_one_line()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);
        host.Server.Faults.Add(new FaultRule { Kind = FaultKind.MalformedJson, Endpoint = EmulatorEndpoint.Auth, Count = 0 });
        host.Time = RetriesWithoutWaiting();

        var run = await host.RunAsync("upload", a, "--to", "/u1000");

        AssertOneLine(run, "");
        AssertNothingStaged(host);
    }

    [Fact]
    public async Task A_login_that_lands_on_another_vault_is_refused()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { AuthVaultIdOverride = 4242 });
        using var temp = new Support.TempFolder("vaultstaging-bad");
        var a = Support.RandomFile.Create(temp.Combine("a.txt"), 10, 1);
        var environment = new Dictionary<string, string?> { ["VAULTSTAGING_USERNAME"] = "admin", ["VAULTSTAGING_PASSWORD"] = "admin" };

        var run = await CliTestHost.RunRawAsync(environment, CancellationToken.None, "upload", a, "--to", "/u1000", "--vault", server.BaseUrl.ToString());

        AssertOneLine(run, "vault");
        Assert.DoesNotContain(server.Requests, r => r.Endpoint is EmulatorEndpoint.CreateItem or EmulatorEndpoint.CreateSession);
    }

    /// <summary>The CLI's clock jumps over every retry delay: these answers are retried before they are reported.</summary>
    private static Support.ManualClock RetriesWithoutWaiting() => new() { AdvancesWhenWaited = true };

    private static async Task<CliRun> RunAgainstAsync(string vault, TimeProvider? time = null)
    {
        using var temp = new Support.TempFolder("vaultstaging-bad");
        var a = Support.RandomFile.Create(temp.Combine("a.txt"), 10, 1);
        var environment = new Dictionary<string, string?> { ["VAULTSTAGING_USERNAME"] = "admin", ["VAULTSTAGING_PASSWORD"] = "bad-input-secret" };
        var run = await CliTestHost.RunRawAsync(environment, time, CancellationToken.None, "upload", a, "--to", "/u1000", "--vault", vault);
        Assert.DoesNotContain("bad-input-secret", run.Stdout + run.Stderr);
        return run;
    }

    /// <summary>A non-zero exit and exactly one stderr line with the fragment besides retry warnings, no stack trace.</summary>
    private static string AssertOneLine(CliRun run, string fragment)
    {
        Assert.True(run.ExitCode is 1 or 2, run.ToString());
        var line = Assert.Single(run.StderrLines, l => !l.StartsWith("vaultstaging: warning:", StringComparison.Ordinal));
        Assert.Contains(fragment, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at VaultStaging.", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        return line;
    }

    private static void AssertNothingStaged(CliTestHost host)
    {
        Assert.Empty(host.Server.State.ActiveSessions);
        Assert.DoesNotContain(host.Server.Requests, r => r.Endpoint == EmulatorEndpoint.CreateItem && r.ResponseStatus == "SUCCESS");
    }

    /// <summary>Answers every connection with the same raw bytes, then closes it.</summary>
    private sealed class RawServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new();

        private RawServer(TcpListener listener) => this.listener = listener;

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static RawServer Start(string answer)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var server = new RawServer(listener);
            _ = server.ServeAsync(Encoding.UTF8.GetBytes(answer));
            return server;
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
        }

        private async Task ServeAsync(byte[] answer)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer, stop.Token);
                    await stream.WriteAsync(answer, stop.Token);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (IOException)
                {
                    // The client hung up (e.g. a TLS client meeting plain HTTP): serve the next one.
                }
                catch (SocketException)
                {
                }
            }
        }
    }
}
