using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Reliability;

/// <summary>
/// The built CLI as a child process, killed while a range is on the wire (the emulator holds every range with a
/// slow fault), then the same command run again: it checks the partial file's last bytes and continues from there.
/// </summary>
public sealed class KilledDownloadTests
{
    private const string Password = "Kill-Download-Pa55word-4471";
    private const int RangeSize = 262_144;

    [Fact]
    public async Task A_download_killed_mid_file_leaves_no_final_name_and_the_next_run_resumes_it()
    {
        var options = new EmulatorOptions { Limits = new EmulatorLimits { JobPollInterval = TimeSpan.FromMilliseconds(1) } };
        options.Users.Add(new EmulatorUser("admin", Password, IsAdmin: true, Id: 1000));
        await using var server = await EmulatorServer.StartAsync(options);
        using var temp = new TempFolder("vaultstaging-kill-dl");
        var source = RandomFile.Create(temp.Combine("src/big.bin"), RangeSize * 10, seed: 11);
        await StageAsync(server, source, "/u1000/kill/big.bin");
        var into = temp.Combine("in");
        var target = Path.Combine(into, "big.bin");
        server.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Endpoint = EmulatorEndpoint.Download, Count = 0, Delay = TimeSpan.FromMilliseconds(400) });
        var before = server.Requests.Count;

        var first = Start(server, into);
        await WaitUntilAsync(() => server.Requests.Skip(before).Count(r => r.Endpoint == EmulatorEndpoint.Download && r.HttpStatus == 206) >= 3, first);
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var killedOutput = await first.StandardOutput.ReadToEndAsync() + await first.StandardError.ReadToEndAsync();
        Assert.False(File.Exists(target));
        Assert.True(File.Exists(target + ".vaultstaging-partial"));
        server.Faults.Clear();

        var second = Start(server, into);
        var stdout = await second.StandardOutput.ReadToEndAsync();
        var stderr = await second.StandardError.ReadToEndAsync();
        await second.WaitForExitAsync();

        Assert.True(second.ExitCode == 0, stdout + stderr);
        Assert.Contains("resumed after", stdout);
        Assert.Equal(RandomFile.Md5Of(source), RandomFile.Md5Of(target));
        Assert.False(File.Exists(target + ".vaultstaging-partial"));
        Assert.All(new[] { killedOutput, stdout, stderr }, text => Assert.DoesNotContain(Password, text));
    }

    private static async Task StageAsync(EmulatorServer server, string local, string stagingPath)
    {
        using var connection = await VaultConnection.ConnectAsync(new VaultConnectionOptions { Server = server.BaseUrl, Credential = new VaultCredential("admin", Password) });
        var result = await new FileUploader(connection, new UploadOptions { JobPollInterval = TimeSpan.FromMilliseconds(10) }).UploadAsync(new UploadRequest(local, stagingPath));
        Assert.True(result.Status == UploadStatus.Staged, result.Error?.Message);
    }

    private static Process Start(EmulatorServer server, string into)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "vaultstaging.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "download", "/u1000/kill/big.bin", "--to", into, "--range-size", RangeSize.ToString(), "--vault", server.BaseUrl.ToString() })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["VAULTSTAGING_USERNAME"] = "admin";
        info.Environment["VAULTSTAGING_PASSWORD"] = Password;
        return Process.Start(info)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Process process)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The CLI never got to the third range: " + await process.StandardError.ReadToEndAsync());
            }

            await Task.Delay(20); // real time: polls a child process, which cannot share the test's clock
        }
    }
}
