using System;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Connection;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Staging;

public sealed class JobWaitTests
{
    [Fact]
    public async Task A_failed_job_is_reported_with_its_status()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        await connection.Staging.CreateFolderAsync("/u1000/keep");
        server.Faults.Add(new FaultRule { Kind = FaultKind.JobFails, Endpoint = EmulatorEndpoint.DeleteItem });
        var jobId = await connection.Staging.DeleteItemAsync("/u1000/keep");

        var error = await Assert.ThrowsAsync<VaultStagingException>(
            () => connection.Staging.WaitForJobAsync(jobId, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30)));

        Assert.Equal("JobFailed", error.ErrorId);
        Assert.Contains("ERRORS_ENCOUNTERED", error.Message);
        Assert.Contains(jobId.ToString(), error.Message);
    }

    [Fact]
    public async Task A_job_that_does_not_finish_in_time_is_a_timeout_naming_the_job()
    {
        var options = EmulatorConnections.SmallLimits();
        options.Limits.JobDuration = TimeSpan.FromHours(1);
        await using var server = await EmulatorConnections.StartAsync(options);
        using var connection = await EmulatorConnections.ConnectAsync(server);
        await connection.Staging.CreateFolderAsync("/u1000/slow");
        var jobId = await connection.Staging.DeleteItemAsync("/u1000/slow");

        var error = await Assert.ThrowsAsync<VaultStagingException>(
            () => connection.Staging.WaitForJobAsync(jobId, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(150)));

        Assert.Equal("JobTimeout", error.ErrorId);
        Assert.Equal(VaultErrorCategory.OperationTimeout, error.Category);
        Assert.Contains(jobId.ToString(), error.Message);
    }

    [Fact]
    public async Task Polling_too_fast_just_costs_another_interval()
    {
        // One clock for the client and the emulator: each 100 ms the client waits moves the emulator's 2 s rule on.
        var clock = new ManualClock { AdvancesWhenWaited = true };
        var options = EmulatorConnections.SmallLimits();
        options.Limits.JobPollInterval = TimeSpan.FromSeconds(2);
        options.Clock = clock;
        await using var server = await EmulatorConnections.StartAsync(options);
        var log = new CapturingLog();
        var connectionOptions = EmulatorConnections.Options(server, log);
        connectionOptions.TimeProvider = clock;
        using var connection = await VaultConnection.ConnectAsync(connectionOptions);
        await connection.Staging.CreateFolderAsync("/u1000/fast");
        var jobId = await connection.Staging.DeleteItemAsync("/u1000/fast");
        await connection.Staging.GetJobAsync(jobId);

        var job = await connection.Staging.WaitForJobAsync(jobId, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

        Assert.True(job.IsSucceeded);
        Assert.Contains(server.Requests, r => r.Endpoint == EmulatorEndpoint.JobStatus && r.ErrorType == VaultErrorTypes.ApiLimitExceeded);
        Assert.Contains(log.Warnings, w => w.Contains("API_LIMIT_EXCEEDED"));
    }

    [Fact]
    public void A_job_is_first_read_after_a_second_then_by_the_rule()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), JobPoller.FirstReadAfter(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(50), JobPoller.FirstReadAfter(TimeSpan.FromMilliseconds(50)));
    }
}
