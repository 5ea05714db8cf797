using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Cli;

/// <summary>Bad command lines and configurations: exit 2, exactly one clear stderr line, nothing uploaded.</summary>
public sealed class UploadValidationTests
{
    [Fact]
    public async Task A_missing_local_file_is_a_usage_error_even_among_existing_ones()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", a, Path.Combine(host.Local.Path, "nope.txt"), "--to", "/demo");

        CliAssert.OneErrorLine(run, 2, "nope.txt");
        AssertNothingUploaded(host);
    }

    [Fact]
    public async Task A_directory_without_recurse_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        host.CreateFile("data/x.txt", 10);

        var run = await host.RunAsync("upload", Path.Combine(host.Local.Path, "data"), "--to", "/demo");

        CliAssert.OneErrorLine(run, 2, "recurse");
        AssertNothingUploaded(host);
    }

    [Fact]
    public async Task A_relative_staging_folder_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", a, "--to", "demo/in");

        CliAssert.OneErrorLine(run, 2, "demo/in");
        AssertNothingUploaded(host);
    }

    [Fact]
    public async Task A_file_too_large_for_the_part_limits_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var huge = host.Local.Combine("huge.bin");
        using (var stream = new FileStream(huge, FileMode.Create))
        {
            stream.SetLength(200L * 1000 * 1000 * 1000); // sparse: costs no disk
        }

        var run = await host.RunAsync("upload", huge, "--to", "/demo");

        CliAssert.OneErrorLine(run, 2, "huge.bin");
        AssertNothingUploaded(host);
    }

    [Fact]
    public async Task Missing_to_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", a);

        CliAssert.OneErrorLine(run, 2, "--to");
    }

    [Fact]
    public async Task Overwrite_with_skip_existing_is_a_usage_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", a, "--to", "/demo", "--overwrite", "--skip-existing");

        CliAssert.OneErrorLine(run, 2, "--skip-existing");
    }

    [Theory]
    [InlineData("8XB", "8XB")]
    [InlineData("1MiB", "5.0 MiB")]
    [InlineData("60MB", "60MB")]
    public async Task A_bad_part_size_is_a_usage_error(string partSize, string expectedFragment)
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);

        var run = await host.RunAsync("upload", a, "--to", "/demo", "--part-size", partSize);

        CliAssert.OneErrorLine(run, 2, expectedFragment);
    }

    [Theory]
    [InlineData("v26.10")]
    [InlineData("26.1")]
    [InlineData("v2x.1")]
    public async Task An_api_version_the_engine_would_refuse_is_a_usage_error_before_anything_is_sent(string version)
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);
        var before = host.Server.Requests.Count;

        var run = await host.RunAsync("upload", a, "--to", "/demo", "--api-version", version);

        CliAssert.OneErrorLine(run, 2, version);
        Assert.Equal(before, host.Server.Requests.Count);
    }

    [Fact]
    public async Task Missing_credentials_name_the_environment_variables()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);
        host.Environment.Clear();

        var run = await host.RunAsync("upload", a, "--to", "/demo");

        var line = CliAssert.OneErrorLine(run, 2, "VAULTSTAGING_USERNAME");
        Assert.Contains("VAULTSTAGING_SESSION_ID", line);
        AssertNothingUploaded(host);
    }

    [Fact]
    public async Task A_wrong_password_is_a_configuration_error()
    {
        await using var host = await CliTestHost.StartAsync();
        var a = host.CreateFile("a.txt", 10);
        host.Environment["VAULTSTAGING_PASSWORD"] = "wrong-secret";

        var run = await host.RunAsync("upload", a, "--to", "/demo");

        var line = CliAssert.OneErrorLine(run, 2, "");
        Assert.DoesNotContain("wrong-secret", line);
        AssertNothingUploaded(host);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_is_refused()
    {
        var environment = new Dictionary<string, string?> { ["VAULTSTAGING_USERNAME"] = "admin", ["VAULTSTAGING_PASSWORD"] = "admin" };
        using var local = new Support.TempFolder("vaultstaging-cli");
        var a = Support.RandomFile.Create(local.Combine("a.txt"), 10);

        var run = await CliTestHost.RunRawAsync(environment, CancellationToken.None, "upload", a, "--to", "/demo", "--vault", "http://myvault.veevavault.com");

        CliAssert.OneErrorLine(run, 2, "http");
    }

    [Fact]
    public async Task No_vault_names_the_option_and_variable()
    {
        var environment = new Dictionary<string, string?> { ["VAULTSTAGING_USERNAME"] = "admin", ["VAULTSTAGING_PASSWORD"] = "admin" };
        using var local = new Support.TempFolder("vaultstaging-cli");
        var a = Support.RandomFile.Create(local.Combine("a.txt"), 10);

        var run = await CliTestHost.RunRawAsync(environment, CancellationToken.None, "upload", a, "--to", "/demo");

        var line = CliAssert.OneErrorLine(run, 2, "--vault");
        Assert.Contains("VAULTSTAGING_VAULT", line);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var run = await CliTestHost.RunRawAsync(new Dictionary<string, string?>(), CancellationToken.None, "upload", "a.txt", "--to", "/demo", "--password", "x");

        CliAssert.OneErrorLine(run, 2, "--password");
    }

    private static void AssertNothingUploaded(CliTestHost host)
        => Assert.DoesNotContain(host.Server.Requests, r => r.Endpoint is EmulatorEndpoint.CreateItem or EmulatorEndpoint.CreateSession);
}
