using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VaultStaging.Emulator.Auth;
using VaultStaging.Emulator.Limits;

namespace VaultStaging.Emulator.Api.Endpoints;

/// <summary>Authentication, session keep-alive/end, who-am-I and version discovery.</summary>
internal sealed class AuthEndpoints(EmulatorContext emulator)
{
    private const string AuthenticationFailed = "AUTHENTICATION_FAILED";

    public async Task<ApiResult> LoginAsync(ApiRequest request)
    {
        var form = await request.ReadFormAsync().ConfigureAwait(false);
        string userName = form["username"].ToString();
        string password = form["password"].ToString();
        string vaultDns = form["vaultDNS"].Count > 0 ? form["vaultDNS"].ToString() : request.Http.Request.Host.Host;

        switch (emulator.AuthRate.Count(userName, vaultDns))
        {
            case AuthRateDecision.Reject:
                throw new VaultApiException(ErrorTypes.ApiLimitExceeded, "Authentication rate limit exceeded; try again in the next minute.");
            case AuthRateDecision.Delay:
                await Task.Delay(emulator.Limits.BurstDelay, request.Http.RequestAborted).ConfigureAwait(false);
                request.Http.Response.Headers["X-VaultAPI-ResponseDelay"] =
                    ((long)emulator.Limits.BurstDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                break;
        }

        if (userName.Length == 0)
        {
            throw new VaultApiException(ErrorTypes.ParameterRequired, "Missing required parameter [username].", AuthenticationFailed);
        }

        if (password.Length == 0)
        {
            throw new VaultApiException(ErrorTypes.NoPasswordProvided, "No password was provided.", AuthenticationFailed);
        }

        var user = emulator.Users.Authenticate(userName, password)
            ?? throw new VaultApiException(ErrorTypes.UsernameOrPasswordIncorrect, "Authentication failed for user: " + userName, AuthenticationFailed);

        long vaultId = emulator.Options.AuthVaultIdOverride ?? emulator.Options.VaultId;
        var session = emulator.Logins.Create(user, vaultId);
        request.Http.Response.Headers["X-VaultAPI-UserId"] = user.Id.ToString(CultureInfo.InvariantCulture);
        request.Http.Response.Headers["X-VaultAPI-VaultId"] = vaultId.ToString(CultureInfo.InvariantCulture);

        var body = new JsonObject
        {
            ["responseStatus"] = "SUCCESS",
            ["sessionId"] = session.Id,
            ["userId"] = user.Id,
            ["vaultIds"] = new JsonArray(new JsonObject
            {
                ["id"] = vaultId,
                ["name"] = emulator.Options.AuthVaultIdOverride is null ? "Vault Emulator" : "Other Vault",
                ["url"] = VaultApiUrl(emulator.Options.AuthVaultIdOverride is not null),
            }),
            ["vaultId"] = vaultId,
        };
        return new JsonResult(body);
    }

    public Task<ApiResult> LogoutAsync(ApiRequest request)
    {
        emulator.Logins.End(request.Login!.Id);
        return Task.FromResult<ApiResult>(new JsonResult(Envelope.Success()));
    }

    // Every request refreshes the idle timer when it finishes; keep-alive has nothing else to do.
    public static Task<ApiResult> KeepAliveAsync(ApiRequest request) =>
        Task.FromResult<ApiResult>(new JsonResult(new JsonObject { ["responseStatus"] = "SUCCESS" }));

    public static Task<ApiResult> MeAsync(ApiRequest request)
    {
        var user = request.User;
        var body = Envelope.Success();
        body["size"] = 1;
        body["start"] = 0;
        body["limit"] = 1;
        body["users"] = new JsonArray(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = user.Id,
                ["user_name__v"] = user.UserName,
                ["user_first_name__v"] = user.UserName,
                ["user_last_name__v"] = "Emulator",
                ["user_email__v"] = user.UserName.Contains('@', StringComparison.Ordinal) ? user.UserName : user.UserName + "@emulator.invalid",
                ["user_timezone__v"] = "UTC",
                ["user_locale__v"] = "en_US",
                ["user_language__v"] = "en",
                ["security_profile__v"] = UserDirectory.SecurityProfile(user),
                ["active__v"] = true,
                ["vault_id__v"] = request.Login!.VaultId,
            },
        });
        return Task.FromResult<ApiResult>(new JsonResult(body));
    }

    public Task<ApiResult> VersionsAsync(ApiRequest request)
    {
        var values = new JsonObject();
        foreach (var version in ApiVersion.Supported())
        {
            values[version.ToString()] = $"{emulator.BaseUrl}api/{version}";
        }

        var body = Envelope.Success();
        body["values"] = values;
        return Task.FromResult<ApiResult>(new JsonResult(body));
    }

    private string VaultApiUrl(bool otherVault)
    {
        if (!otherVault)
        {
            return emulator.BaseUrl + "api";
        }

        // A different host, as when Vault silently logs the user in to another Vault.
        var builder = new UriBuilder(emulator.BaseUrl) { Host = "other-vault.localhost" };
        return builder.Uri + "api";
    }
}
