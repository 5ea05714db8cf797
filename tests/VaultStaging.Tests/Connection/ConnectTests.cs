using System;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class ConnectTests
{
    [Fact]
    public async Task Connects_with_user_name_and_password_and_learns_the_identity()
    {
        await using var server = await EmulatorConnections.StartAsync();

        using var connection = await EmulatorConnections.ConnectAsync(server);

        Assert.Equal(1000, connection.Identity.UserId);
        Assert.Equal("admin", connection.Identity.UserName);
        Assert.True(connection.Identity.IsAdmin);
        Assert.Equal("/u1000", connection.Identity.HomeFolder);
        Assert.Equal(1000, connection.Identity.VaultId);
        Assert.True(connection.CanRenewSession);
        Assert.Equal(VaultConnectionOptions.DefaultApiVersion, connection.ApiVersion);
        Assert.NotNull(connection.BurstLimit);
        Assert.Contains(server.Requests, r => r.Endpoint == EmulatorEndpoint.Me && r.ClientId == VaultConnectionOptions.DefaultClientId);
    }

    [Fact]
    public async Task Non_admin_users_are_recognised()
    {
        var options = EmulatorConnections.SmallLimits();
        options.Users.Add(new EmulatorUser("admin", "admin", true, 1000));
        options.Users.Add(new EmulatorUser("jane", "pw-jane", false, 1234));
        await using var server = await EmulatorConnections.StartAsync(options);

        using var connection = await VaultConnection.ConnectAsync(EmulatorConnections.Options(server, user: "jane", password: "pw-jane"));

        Assert.Equal(1234, connection.Identity.UserId);
        Assert.False(connection.Identity.IsAdmin);
        Assert.Equal("/", connection.Identity.HomeFolder);
    }

    [Fact]
    public async Task Adopts_an_existing_session_id()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var first = await EmulatorConnections.ConnectAsync(server);
        var options = EmulatorConnections.Options(server);
        options.Credential = null;
        options.SessionId = first.Pipeline.Session.Current;

        using var adopted = await VaultConnection.ConnectAsync(options);

        Assert.False(adopted.CanRenewSession);
        Assert.Equal(1000, adopted.Identity.UserId);
        Assert.Equal(1, server.Count(EmulatorEndpoint.Auth));
        Assert.NotEmpty(await adopted.Staging.ListItemsAsync("/"));
    }

    [Fact]
    public async Task An_unknown_session_id_is_refused_clearly()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var options = EmulatorConnections.Options(server);
        options.Credential = null;
        options.SessionId = "0123456789ABCDEF-not-a-session";

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => VaultConnection.ConnectAsync(options));

        Assert.Equal("SessionExpired", error.ErrorId);
        Assert.Contains("did not accept the given session id", error.Message);
        Assert.DoesNotContain("0123456789ABCDEF-not-a-session", error.Message);
    }

    [Theory]
    [InlineData("ABCDEF0123", "ABCDEF0123")]
    [InlineData("veeva-vault-0a1b2c", "Bearer veeva-vault-0a1b2c")]
    public void Api_tokens_go_as_bearer_and_session_ids_raw(string session, string header)
    {
        Assert.Equal(header, VaultStaging.Core.Http.HttpTransport.AuthorizationValue(session));
    }

    [Fact]
    public async Task Wrong_password_is_a_clear_error_without_the_password()
    {
        await using var server = await EmulatorConnections.StartAsync();

        var error = await Assert.ThrowsAsync<VaultApiException>(
            () => VaultConnection.ConnectAsync(EmulatorConnections.Options(server, password: "Wr0ng-Secret-Value")));

        Assert.Equal(VaultErrorTypes.UsernameOrPasswordIncorrect, error.VaultErrorType);
        Assert.Equal(VaultErrorCategory.AuthenticationError, error.Category);
        Assert.Contains("user name or password is incorrect", error.Message);
        Assert.Contains("'admin'", error.Message);
        Assert.DoesNotContain("Wr0ng-Secret-Value", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_is_refused_before_anything_is_sent()
    {
        var options = new VaultConnectionOptions
        {
            Server = new Uri("http://myvault.veevavault.com/"),
            Credential = new VaultCredential("admin", "admin"),
        };

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => VaultConnection.ConnectAsync(options));

        Assert.Equal("InsecureServerUrl", error.ErrorId);
        Assert.Contains("HTTPS is required", error.Message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public async Task Invalid_client_id_is_refused(string clientId)
    {
        await using var server = await EmulatorConnections.StartAsync();
        var options = EmulatorConnections.Options(server);
        options.ClientId = clientId;

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => VaultConnection.ConnectAsync(options));

        Assert.Equal("InvalidClientId", error.ErrorId);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Client_id_is_sent_on_every_request()
    {
        await using var server = await EmulatorConnections.StartAsync();
        var options = EmulatorConnections.Options(server);
        options.ClientId = "acme-vault.nightly_loader";

        using var connection = await VaultConnection.ConnectAsync(options);
        await connection.Staging.ListItemsAsync("/");

        Assert.All(server.Requests, r => Assert.Equal("acme-vault.nightly_loader", r.ClientId));
    }

    [Fact]
    public async Task A_session_on_another_vault_is_detected_and_ended()
    {
        var options = EmulatorConnections.SmallLimits();
        options.AuthVaultIdOverride = 2000;
        await using var server = await EmulatorConnections.StartAsync(options);

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => EmulatorConnections.ConnectAsync(server));

        Assert.Equal("VaultMismatch", error.ErrorId);
        Assert.Equal(VaultErrorCategory.SecurityError, error.Category);
        Assert.Contains("other-vault.localhost", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Equal(1, server.Count(EmulatorEndpoint.Logout));
        Assert.Equal(0, server.Count(EmulatorEndpoint.Me));
    }

    [Fact]
    public async Task Disconnect_ends_the_session_once()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);

        await connection.DisconnectAsync();
        await connection.DisconnectAsync();

        Assert.Equal(1, server.Count(EmulatorEndpoint.Logout));
        Assert.Equal("admin@" + server.BaseUrl.Authority, connection.ToString());
    }
}
