using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Emulator;

public sealed class AuthAndProtocolTests
{
    [Fact]
    public async Task Auth_success_has_the_documented_shape()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var response = await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("auth"), null, EmulatorHarness.Form(("username", "alice"), ("password", "pw")));

        response.AssertSuccess();
        var body = response.Body!;
        Assert.Matches("^[0-9A-F]{64,}$", body["sessionId"]!.GetValue<string>());
        Assert.Equal(1001, body["userId"]!.GetValue<long>());
        Assert.Equal(1000, body["vaultId"]!.GetValue<long>());
        Assert.Equal(h.Server.BaseUrl + "api", body["vaultIds"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(1000, body["vaultIds"]![0]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Auth_with_wrong_password_fails_with_authentication_failed()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var response = await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("auth"), null, EmulatorHarness.Form(("username", "alice"), ("password", "nope")));

        response.AssertFailure("USERNAME_OR_PASSWORD_INCORRECT");
        Assert.Equal("AUTHENTICATION_FAILED", response.Body!["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Auth_vault_override_simulates_being_logged_in_to_another_vault()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.AuthVaultIdOverride = 4242);
        var response = await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("auth"), null, EmulatorHarness.Form(("username", "admin"), ("password", "admin")));

        response.AssertSuccess();
        Assert.Equal(4242, response.Body!["vaultId"]!.GetValue<long>());
        var url = new Uri(response.Body!["vaultIds"]![0]!["url"]!.GetValue<string>());
        Assert.NotEqual(h.Server.BaseUrl.Host, url.Host);
    }

    [Fact]
    public async Task Session_id_is_accepted_raw_and_as_bearer_and_unknown_ids_are_rejected()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();

        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session)).AssertSuccess();
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), "Bearer " + session)).AssertSuccess();
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), "0123ABCD")).AssertFailure("INVALID_SESSION_ID");
        (await h.SendAsync(HttpMethod.Get, EmulatorHarness.Api("objects/users/me"), null)).AssertFailure("INVALID_SESSION_ID");
    }

    [Theory]
    [InlineData("admin", "admin", "vault_owner__v")]
    [InlineData("alice", "pw", "file_staging_user__c")]
    public async Task Me_reports_the_security_profile(string user, string password, string profile)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var me = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), await h.LoginAsync(user, password));

        me.AssertSuccess();
        var node = me.Body!["users"]![0]!["user"]!;
        Assert.Equal(user, node["user_name__v"]!.GetValue<string>());
        Assert.Equal(profile, node["security_profile__v"]!.GetValue<string>());
        Assert.True(node["id"]!.GetValue<long>() >= 1000);
    }

    [Fact]
    public async Task Login_session_dies_after_the_idle_timeout_counted_from_the_last_request()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.LoginIdleTimeout = TimeSpan.FromMinutes(30));
        var session = await h.LoginAsync();

        h.Clock.Advance(TimeSpan.FromMinutes(29));
        (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("keep-alive"), session)).AssertSuccess();
        h.Clock.Advance(TimeSpan.FromMinutes(29));
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session)).AssertSuccess();
        h.Clock.Advance(TimeSpan.FromMinutes(31));
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session)).AssertFailure("INVALID_SESSION_ID");
    }

    [Fact]
    public async Task Login_session_dies_at_the_48_hour_cap_even_when_kept_alive()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();

        for (int i = 0; i < 47 * 3; i++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(20));
            (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("keep-alive"), session)).AssertSuccess();
        }

        h.Clock.Advance(TimeSpan.FromMinutes(61));
        (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("keep-alive"), session)).AssertFailure("INVALID_SESSION_ID");
    }

    [Fact]
    public async Task Logout_ends_only_that_session_and_state_can_expire_sessions()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var first = await h.LoginAsync();
        var second = await h.LoginAsync();

        (await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api("session"), first)).AssertSuccess();
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), first)).AssertFailure("INVALID_SESSION_ID");
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), second)).AssertSuccess();

        Assert.True(h.Server.State.ExpireLoginSession(second));
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), second)).AssertFailure("INVALID_SESSION_ID");

        var third = await h.LoginAsync();
        Assert.Single(h.Server.State.LoginSessions);
        h.Server.State.ExpireAllLoginSessions();
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), third)).AssertFailure("INVALID_SESSION_ID");
    }

    [Fact]
    public async Task Auth_burst_delays_from_half_the_limit_and_rejects_past_it()
    {
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.Limits.AuthBurstLimit = 4;
            o.Limits.BurstDelay = TimeSpan.FromMilliseconds(300);
        });

        async Task<(VaultResponse Response, TimeSpan Elapsed)> Login()
        {
            var watch = Stopwatch.StartNew();
            var response = await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("auth"), null, EmulatorHarness.Form(("username", "alice"), ("password", "pw")));
            return (response, watch.Elapsed);
        }

        for (int i = 0; i < 2; i++)
        {
            var (fast, _) = await Login();
            fast.AssertSuccess();
            Assert.Null(fast.Header("X-VaultAPI-ResponseDelay"));
        }

        for (int i = 0; i < 2; i++)
        {
            var (slow, elapsed) = await Login();
            slow.AssertSuccess();
            Assert.Equal("300", slow.Header("X-VaultAPI-ResponseDelay"));
            Assert.True(elapsed >= TimeSpan.FromMilliseconds(250), $"expected a delay, took {elapsed}");
        }

        (await Login()).Response.AssertFailure("API_LIMIT_EXCEEDED");

        // Another user name has its own quota; the next minute resets the window.
        (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("auth"), null, EmulatorHarness.Form(("username", "bob"), ("password", "pw")))).AssertSuccess();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Login()).Response.AssertSuccess();
    }

    [Fact]
    public async Task Every_response_carries_the_vault_headers()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.VaultId = 777);
        var session = await h.LoginAsync("alice", "pw");
        var first = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session);
        var second = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session);

        Assert.True(Guid.TryParse(first.Header("X-VaultAPI-ExecutionId"), out var firstId));
        Assert.True(Guid.TryParse(second.Header("X-VaultAPI-ExecutionId"), out var secondId));
        Assert.NotEqual(firstId, secondId);
        Assert.Equal("2000", first.Header("X-VaultAPI-BurstLimit"));
        Assert.Equal(int.Parse(first.Header("X-VaultAPI-BurstLimitRemaining")!) - 1, int.Parse(second.Header("X-VaultAPI-BurstLimitRemaining")!));
        Assert.Equal("777", first.Header("X-VaultAPI-VaultId"));
        Assert.Equal("1001", first.Header("X-VaultAPI-UserId"));
        Assert.Equal("SUCCESS", first.Header("X-VaultAPI-Status"));

        var old = await h.GetAsync(EmulatorHarness.Api("objects/users/me", "v22.1"), session);
        old.AssertSuccess();
        Assert.Null(old.Header("X-VaultAPI-Status"));

        var failed = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), "bogus");
        Assert.Equal("FAILURE", failed.Header("X-VaultAPI-Status"));
        Assert.Null(failed.Header("X-VaultAPI-UserId"));
    }

    [Fact]
    public async Task Burst_limit_exhaustion_delays_responses_and_says_so()
    {
        await using var h = await EmulatorHarness.StartAsync(o =>
        {
            o.Limits.BurstLimit = 3;
            o.Limits.BurstDelay = TimeSpan.FromMilliseconds(300);
        });
        var session = await h.LoginAsync();
        (await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session)).AssertSuccess();
        var last = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session);
        Assert.Equal("0", last.Header("X-VaultAPI-BurstLimitRemaining"));
        Assert.Null(last.Header("X-VaultAPI-ResponseDelay"));

        var watch = Stopwatch.StartNew();
        var throttled = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session);
        throttled.AssertSuccess();
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"expected a delay, took {watch.Elapsed}");
        Assert.Equal("300", throttled.Header("X-VaultAPI-ResponseDelay"));
        Assert.Equal("0", throttled.Header("X-VaultAPI-BurstLimitRemaining"));

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var fresh = await h.GetAsync(EmulatorHarness.Api("objects/users/me"), session);
        Assert.Null(fresh.Header("X-VaultAPI-ResponseDelay"));
        Assert.Equal("2", fresh.Header("X-VaultAPI-BurstLimitRemaining"));
    }

    [Fact]
    public async Task Versions_list_v20_3_to_v26_2_with_and_without_a_version_segment()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        foreach (var path in new[] { "api/", "api", EmulatorHarness.Api(string.Empty) })
        {
            var response = await h.GetAsync(path, session);
            response.AssertSuccess();
            var values = response.Body!["values"]!.AsObject();
            Assert.Equal("v20.3", values.First().Key);
            Assert.Equal("v26.2", values.Last().Key);
            Assert.Equal(h.Server.BaseUrl + "api/v25.2", values["v25.2"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("GET", "api/v25.2/no/such/thing", "MALFORMED_URL")]
    [InlineData("GET", "somewhere/else", "MALFORMED_URL")]
    [InlineData("GET", "api/vX/objects/users/me", "MALFORMED_URL")]
    [InlineData("GET", "api/v20.2/objects/users/me", "METHOD_NOT_SUPPORTED")]
    [InlineData("GET", "api/v27.1/objects/users/me", "METHOD_NOT_SUPPORTED")]
    [InlineData("GET", "api/v25.2/auth", "METHOD_NOT_SUPPORTED")]
    [InlineData("POST", "api/v25.2/objects/users/me", "METHOD_NOT_SUPPORTED")]
    [InlineData("PATCH", "api/v25.2/services/file_staging/upload", "METHOD_NOT_SUPPORTED")]
    [InlineData("POST", "api/v25.2/services/file_staging/items/some/path", "METHOD_NOT_SUPPORTED")]
    public async Task Unknown_routes_and_wrong_verbs_fail_the_vault_way(string method, string path, string errorType)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.SendAsync(new HttpMethod(method), path, session)).AssertFailure(errorType);
    }

    [Fact]
    public async Task Request_log_records_calls_without_credentials()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        await h.SendAsync(
            HttpMethod.Get,
            EmulatorHarness.Api("objects/users/me") + "?client_id=abc",
            session,
            configure: r => r.Headers.Add("X-VaultAPI-ReferenceId", "ref-1"));

        var log = h.Server.Requests;
        Assert.Equal(2, log.Count);
        Assert.Equal(EmulatorEndpoint.Auth, log[0].Endpoint);
        Assert.Equal(EmulatorEndpoint.Me, log[1].Endpoint);
        Assert.Equal("/api/v25.2/objects/users/me", log[1].Path);
        Assert.Equal("abc", log[1].ClientId);
        Assert.Equal("ref-1", log[1].ReferenceId);
        Assert.Equal(1000, log[1].UserId);
        Assert.Equal("SUCCESS", log[1].ResponseStatus);
        Assert.DoesNotContain(log, r => r.ToString().Contains(session, StringComparison.Ordinal) || r.ToString().Contains("admin", StringComparison.Ordinal));

        h.Server.ClearRequests();
        Assert.Empty(h.Server.Requests);
    }
}
