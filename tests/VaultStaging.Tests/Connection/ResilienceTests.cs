using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class ResilienceTests
{
    [Theory]
    [InlineData(FaultKind.Http500, 2)]
    [InlineData(FaultKind.HtmlErrorPage, 2)]
    [InlineData(FaultKind.DropConnection, 1)]
    [InlineData(FaultKind.MalformedJson, 1)]
    public async Task Transient_failures_are_retried_and_survived(FaultKind kind, int count)
    {
        await using var server = await EmulatorConnections.StartAsync();
        var log = new CapturingLog();
        using var connection = await EmulatorConnections.ConnectAsync(server, log);
        server.Faults.Add(new FaultRule { Kind = kind, Endpoint = EmulatorEndpoint.ListItems, Count = count });

        var items = await connection.Staging.ListItemsAsync("/");

        Assert.NotEmpty(items);
        Assert.Equal(count + 1, server.Count(EmulatorEndpoint.ListItems));
        Assert.Equal(count, log.Warnings.Count(w => w.Contains("retrying")));
    }

    [Fact]
    public async Task Retry_after_is_honoured_on_503()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var log = new CapturingLog();
        using var connection = await EmulatorConnections.ConnectAsync(server, log);
        server.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Endpoint = EmulatorEndpoint.ListItems, RetryAfterSeconds = 1 });

        await connection.Staging.ListItemsAsync("/");

        Assert.Contains(log.Warnings, w => w.Contains("HTTP 503") && w.Contains("retrying in 1.0 s"));
    }

    [Fact]
    public async Task A_dropped_part_upload_is_sent_again()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var session = await connection.Staging.CreateSessionAsync("/u1000/drop.bin", 2048, overwrite: false);
        server.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 1 });
        var part = new byte[1024];
        new Random(1).NextBytes(part);

        var uploaded = await connection.Staging.UploadPartAsync(session.Id, 1, new ArraySegment<byte>(part), MD5.HashData(part));

        Assert.Equal(1024, uploaded.Size);
        Assert.Equal(2, server.Count(EmulatorEndpoint.UploadPart));
    }

    [Fact]
    public async Task Gives_up_after_the_attempt_budget_with_a_clear_message()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        server.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, Endpoint = EmulatorEndpoint.ListItems, Count = 0 });

        var error = await Assert.ThrowsAsync<VaultApiException>(() => connection.Staging.ListItemsAsync("/"));

        Assert.Equal("HTTP_502", error.VaultErrorType);
        Assert.Equal(502, error.HttpStatus);
        Assert.Contains("GET /api/v26.1/services/file_staging/items", error.Message);
        Assert.Contains("after 4 attempts", error.Message);
        Assert.Contains("HTML page (HTTP 502)", error.Message);
        Assert.Equal(4, server.Count(EmulatorEndpoint.ListItems));
    }

    [Fact]
    public async Task Dropped_connections_beyond_the_budget_are_a_connection_error()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        server.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Endpoint = EmulatorEndpoint.ListItems, Count = 0 });

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => connection.Staging.ListItemsAsync("/"));

        Assert.Equal("ConnectionFailed", error.ErrorId);
        Assert.Equal(VaultErrorCategory.ConnectionError, error.Category);
        Assert.Contains("after 4 attempts", error.Message);
    }

    [Fact]
    public async Task A_request_timeout_is_retried_then_reported()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var options = EmulatorConnections.Options(server);
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        options.Retry = EmulatorConnections.FastRetry(maxAttempts: 2);
        using var connection = await VaultConnection.ConnectAsync(options);
        server.Faults.Add(new FaultRule { Kind = FaultKind.SlowResponse, Endpoint = EmulatorEndpoint.ListItems, Count = 0, Delay = TimeSpan.FromSeconds(3) });

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => connection.Staging.ListItemsAsync("/"));

        Assert.Equal("RequestTimeout", error.ErrorId);
        Assert.Equal(VaultErrorCategory.OperationTimeout, error.Category);
        Assert.Contains("after 2 attempts", error.Message);
    }

    [Fact]
    public async Task A_failure_envelope_is_not_retried()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        await connection.Staging.CreateFolderAsync("/u1000/once");
        server.ClearRequests();

        var error = await Assert.ThrowsAsync<VaultApiException>(() => connection.Staging.CreateFolderAsync("/u1000/once"));

        Assert.Equal(VaultErrorTypes.ItemNameExists, error.VaultErrorType);
        Assert.Equal(VaultErrorCategory.ResourceExists, error.Category);
        Assert.Equal(1, server.Count(EmulatorEndpoint.CreateItem));
    }

    [Fact]
    public async Task A_refusal_after_an_uncertain_attempt_says_the_first_may_have_worked()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        server.Faults.Add(new FaultRule { Kind = FaultKind.ResetBeforeResponse, Endpoint = EmulatorEndpoint.CreateItem });

        var error = await Assert.ThrowsAsync<VaultApiException>(() => connection.Staging.CreateFolderAsync("/u1000/maybe"));

        Assert.Equal(VaultErrorTypes.ItemNameExists, error.VaultErrorType);
        Assert.True(error.AfterUncertainAttempt);
        Assert.NotNull(await connection.Staging.GetItemAsync("/u1000/maybe"));
    }

    [Fact]
    public async Task Burst_headers_are_read_and_throttling_logged()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var log = new CapturingLog();
        using var connection = await EmulatorConnections.ConnectAsync(server, log);
        Assert.True(connection.BurstLimitRemaining > 0);
        server.Faults.Add(new FaultRule { Kind = FaultKind.BurstExhausted, Endpoint = EmulatorEndpoint.ListItems });

        await connection.Staging.ListItemsAsync("/");

        Assert.Equal(0, connection.BurstLimitRemaining);
        Assert.Contains(log.Warnings, w => w.Contains("delayed"));
        Assert.Contains(log.Warnings, w => w.Contains("spacing requests"));
        Assert.True(connection.Pipeline.Governor.IsThrottling);

        await connection.Staging.ListItemsAsync("/");
        Assert.False(connection.Pipeline.Governor.IsThrottling);
    }
}
