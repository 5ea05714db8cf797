using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Emulator;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_reads_port_data_dir_users_faults_and_limits()
    {
        var options = EmulatorCommandLine.Parse(new[]
        {
            "--port", "5123", "--data-dir", "/tmp/x", "--user", "root:secret:admin", "--user", "ann:pw", "--user", "joe:pw:77",
            "--fault", "drop:upload-part@3", "--fault", "http503:commit", "--min-part-size", "1024", "--job-duration", "90s",
            "--session-lifetime", "2h", "--burst-delay", "250ms", "--discard-content", "--vault-id", "55",
        });

        Assert.Equal(5123, options.Port);
        Assert.Equal("/tmp/x", options.DataDirectory);
        Assert.Equal(new EmulatorUser("root", "secret", true, 1000), options.Users[0]);
        Assert.Equal(new EmulatorUser("ann", "pw", false, 1001), options.Users[1]);
        Assert.Equal(new EmulatorUser("joe", "pw", false, 77), options.Users[2]);
        Assert.Equal(2, options.Faults.Count);
        Assert.Equal(FaultKind.DropConnection, options.Faults[0].Kind);
        Assert.Equal(3, options.Faults[0].PartNumber);
        Assert.Equal(EmulatorEndpoint.Commit, options.Faults[1].Endpoint);
        Assert.Equal(1024, options.Limits.MinPartSize);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Limits.JobDuration);
        Assert.Equal(TimeSpan.FromHours(2), options.Limits.SessionLifetime);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Limits.BurstDelay);
        Assert.True(options.DiscardContent);
        Assert.Equal(55, options.VaultId);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port")]
    [InlineData("--port", "abc")]
    [InlineData("--user", "nopassword")]
    [InlineData("--fault", "explode")]
    public void Parse_rejects_bad_arguments(params string[] args)
    {
        Assert.Throws<FormatException>(() => EmulatorCommandLine.Parse(args));
    }

    [Fact]
    public async Task RunAsync_prints_the_listening_line_and_stops_on_cancellation()
    {
        using var output = new SignallingWriter();
        using var stop = new CancellationTokenSource();
        var run = EmulatorCommandLine.RunAsync(new[] { "--user", "ann:pw" }, output, stop.Token);

        var line = await output.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("Vault emulator listening on http://127.0.0.1:", line, StringComparison.Ordinal);
        var baseUrl = new Uri(line["Vault emulator listening on ".Length..]);
        using (var http = new HttpClient { BaseAddress = baseUrl })
        {
            var auth = await http.PostAsync("api/v25.2/auth", EmulatorHarness.Form(("username", "ann"), ("password", "pw")));
            Assert.Contains("\"SUCCESS\"", await auth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        stop.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task RunAsync_reports_bad_arguments_with_exit_code_2()
    {
        using var output = new StringWriter();
        Assert.Equal(2, await EmulatorCommandLine.RunAsync(new[] { "--nope" }, output, CancellationToken.None));
        Assert.Contains("--nope", output.ToString(), StringComparison.Ordinal);
    }

    private sealed class SignallingWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            FirstLine.TrySetResult(value ?? string.Empty);
            return base.WriteLineAsync(value);
        }
    }
}
