using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Reliability;

/// <summary>
/// The built CLI as a child process, killed while a part is on the wire (the emulator holds that part with a slow
/// fault), then the same command run again: it resumes the server's session and finishes.
/// </summary>
[Collection(FaultMatrixCollection.Name)]
public sealed class KilledProcessTests
{
    private const string Password = "Kill-Unique-Pa55word-8812";

    private readonly FaultMatrixReport report;

    public KilledProcessTests(FaultMatrixReport report) => this.report = report;

    [Fact]
    public async Task A_process_killed_mid_file_is_finished_by_the_next_run_without_resending_held_parts()
    {
        var options = new EmulatorOptions { Limits = new EmulatorLimits { JobPollInterval = TimeSpan.FromMilliseconds(1) } };
        options.Users.Add(new EmulatorUser("admin", Password, IsAdmin: true, Id: 1000));
        await using var server = await EmulatorServer.StartAsync(options);
        using var temp = new TempFolder("vaultstaging-kill");
        var local = RandomFile.Create(temp.Combine("big.bin"), 52_000_000, seed: 7); // over the 50 MB single-request limit: 10 parts of 5 MiB
        const string target = "/u1000/kill/big.bin";
        server.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 4, Delay = TimeSpan.FromSeconds(5) });

        var first = Start(server, temp, local);
        await WaitUntilAsync(() => server.Requests.Any(r => r.Endpoint == EmulatorEndpoint.UploadPart && r.PartNumber == 3 && r.HttpStatus == 200), first);
        // The emulator records a request only once answered, and a child process cannot share the test's clock:
        // real time: lets part 4 get on the wire, where the slow fault holds it.
        await Task.Delay(300);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var killedOutput = await first.StandardOutput.ReadToEndAsync() + await first.StandardError.ReadToEndAsync();
        Assert.False(File.Exists(server.GetLocalPath(target)));
        var held = server.State.ActiveSessions.Single().Parts.Select(p => p.Number).ToHashSet();
        server.Faults.Clear();

        var before = server.Requests.Count;
        var second = Start(server, temp, local);
        var stdout = await second.StandardOutput.ReadToEndAsync();
        var stderr = await second.StandardError.ReadToEndAsync();
        await second.WaitForExitAsync();

        Assert.True(second.ExitCode == 0, stdout + stderr);
        Assert.Equal(RandomFile.Md5Of(local), RandomFile.Md5Of(server.GetLocalPath(target)));
        var resent = server.Requests.Skip(before).Count(r => r.Endpoint == EmulatorEndpoint.UploadPart && held.Contains(r.PartNumber ?? 0));
        Assert.InRange(resent, 0, 1);
        Assert.Empty(server.State.ActiveSessions);
        Assert.Contains("resumed", stdout);

        var produced = new[] { killedOutput, stdout, stderr }
            .Concat(Directory.EnumerateFiles(temp.Combine("state")).Select(File.ReadAllText))
            .ToList();
        Assert.All(produced, text => Assert.DoesNotContain(Password, text));
        Assert.All(produced, text => Assert.DoesNotMatch("[0-9A-F]{96}", text));
        report.Add("process killed (CLI child)", "part 4 of 10", "resumed", corrupted: false, resent, produced.Sum(t => (long)t.Length));
    }

    private static Process Start(EmulatorServer server, TempFolder temp, string local)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "vaultstaging.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "upload", local, "--to", "/u1000/kill", "--part-size", "5MiB", "--vault", server.BaseUrl.ToString(), "--job-poll-interval", "00:00:00.050" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["VAULTSTAGING_USERNAME"] = "admin";
        info.Environment["VAULTSTAGING_PASSWORD"] = Password;
        info.Environment["VAULTSTAGING_STATE_DIR"] = temp.Combine("state");
        return Process.Start(info)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Process process)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The CLI never got to the slow part: " + await process.StandardError.ReadToEndAsync());
            }

            await Task.Delay(50); // real time: polls a child process, which cannot share the test's clock
        }
    }
}
