using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Cli;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_prints_its_base_url_and_stops_cleanly_on_ctrl_c()
    {
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        using var cancellation = new CancellationTokenSource();

        var running = CliApp.RunAsync(new[] { "emulator", "--user", "alice:secret", "--job-poll-interval", "1s" }, stdout, stderr, new Dictionary<string, string?>(), cancellation.Token);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!stdout.Text.Contains("http://127.0.0.1:", StringComparison.Ordinal))
            {
                await Task.Delay(20, timeout.Token); // real time: polls output the emulator writes once its socket listens
            }
        }

        cancellation.Cancel();
        Assert.Equal(0, await running);
        Assert.Equal("", stderr.Text);
    }

    [Fact]
    public async Task A_bad_fault_spec_is_a_usage_error()
    {
        var run = await CliTestHost.RunRawAsync(new Dictionary<string, string?>(), CancellationToken.None, "emulator", "--fault", "no-such-fault");

        CliAssert.OneErrorLine(run, 2, "no-such-fault");
    }

    /// <summary>A writer the test can read while the CLI writes to it from another thread.</summary>
    private sealed class SharedWriter : TextWriter
    {
        private readonly StringBuilder text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (text)
            {
                text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (text)
            {
                text.Append(value);
            }
        }
    }
}
