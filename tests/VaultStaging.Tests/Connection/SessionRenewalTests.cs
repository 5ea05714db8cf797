using System;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class SessionRenewalTests
{
    [Fact]
    public async Task Expired_login_session_is_renewed_once_and_the_call_replayed()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var log = new CapturingLog();
        using var connection = await EmulatorConnections.ConnectAsync(server, log);
        var before = connection.Pipeline.Session.Current;
        server.Faults.Add(new FaultRule { Kind = FaultKind.ExpireLoginSession, Endpoint = EmulatorEndpoint.ListItems });

        var items = await connection.Staging.ListItemsAsync("/");

        Assert.NotEmpty(items);
        Assert.Equal(2, server.Count(EmulatorEndpoint.Auth));
        Assert.Equal(2, server.Count(EmulatorEndpoint.ListItems));
        Assert.NotEqual(before, connection.Pipeline.Session.Current);
        Assert.Contains(log.Warnings, w => w.Contains("logging in again"));
    }

    [Fact]
    public async Task A_session_that_dies_again_right_after_renewal_is_reported_not_looped()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        server.Faults.Add(new FaultRule { Kind = FaultKind.ExpireLoginSession, Endpoint = EmulatorEndpoint.ListItems, Count = 0 });

        var error = await Assert.ThrowsAsync<VaultApiException>(() => connection.Staging.ListItemsAsync("/"));

        Assert.Equal(VaultErrorTypes.InvalidSessionId, error.VaultErrorType);
        Assert.Equal(2, server.Count(EmulatorEndpoint.Auth));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_renewal()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        server.Faults.Add(new FaultRule { Kind = FaultKind.ExpireLoginSession, Endpoint = EmulatorEndpoint.ListItems });

        var calls = Enumerable.Range(0, 6).Select(_ => connection.Staging.ListItemsAsync("/")).ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(2, server.Count(EmulatorEndpoint.Auth));
    }

    [Fact]
    public async Task Session_id_without_credentials_reports_session_expired()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var first = await EmulatorConnections.ConnectAsync(server);
        var options = EmulatorConnections.Options(server);
        options.Credential = null;
        options.SessionId = first.Pipeline.Session.Current;
        using var adopted = await VaultConnection.ConnectAsync(options);
        server.Faults.Add(new FaultRule { Kind = FaultKind.ExpireLoginSession, Endpoint = EmulatorEndpoint.ListItems });

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => adopted.Staging.ListItemsAsync("/"));

        Assert.Equal("SessionExpired", error.ErrorId);
        Assert.Equal(VaultErrorCategory.AuthenticationError, error.Category);
        Assert.Equal("The Vault session has expired and cannot be renewed from a session id alone.", error.Summary);
        Assert.Equal(RemedyAction.Reconnect, Assert.Single(error.Remedies).Action);
        Assert.Equal(1, server.Count(EmulatorEndpoint.Auth));
    }

    [Fact]
    public async Task Session_is_renewed_before_the_48_hour_cap()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var clock = new ManualClock();
        var options = EmulatorConnections.Options(server);
        options.TimeProvider = clock;
        using var connection = await VaultConnection.ConnectAsync(options);

        clock.Advance(TimeSpan.FromHours(46));
        await connection.Staging.ListItemsAsync("/");
        Assert.Equal(1, server.Count(EmulatorEndpoint.Auth));

        clock.Advance(TimeSpan.FromHours(1));
        await connection.Staging.ListItemsAsync("/");
        Assert.Equal(2, server.Count(EmulatorEndpoint.Auth));
        Assert.Equal(0, server.Requests.Count(r => r.ErrorType == VaultErrorTypes.InvalidSessionId));
    }
}
