using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Http;
using VaultStaging.Core.Json;

namespace VaultStaging.Core.Connection;

/// <summary>The login calls: password login with the vault check, who-am-I, end session.</summary>
internal sealed class Authenticator
{
    private static readonly HashSet<string> AdminProfiles = new(StringComparer.OrdinalIgnoreCase) { "vault_owner__v", "system_admin__v" };

    private readonly VaultHttpPipeline pipeline;
    private readonly VaultCredential credential;

    public Authenticator(VaultHttpPipeline pipeline, VaultCredential credential)
    {
        this.pipeline = pipeline;
        this.credential = credential;
    }

    public async Task<string> LoginAsync(CancellationToken cancellationToken)
        => (await LoginWithVaultIdAsync(cancellationToken).ConfigureAwait(false)).SessionId;

    /// <summary>POST /auth, then insists the session is on the vault at our host (when the user cannot use that vault, Vault silently opens a session on another of theirs: https://general.veevavault.dev/vault-api/api-reference/26.2/authentication/user-name-and-password/).</summary>
    public async Task<(string SessionId, long VaultId)> LoginWithVaultIdAsync(CancellationToken cancellationToken)
    {
        var request = new VaultRequest(HttpMethod.Post, pipeline.Api("auth"))
        {
            Authenticated = false,
            ContentFactory = () => new FormUrlEncodedContent(new[]
            {
                new KeyValuePair<string, string>("username", credential.UserName),
                new KeyValuePair<string, string>("password", credential.Password),
            }),
        };
        AuthResponseDto response;
        try
        {
            response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.AuthResponseDto, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException failure) when (failure.HttpStatus < 500 && failure.VaultErrorType != VaultErrorTypes.InvalidResponse && !failure.VaultErrorType.StartsWith("HTTP_", StringComparison.Ordinal))
        {
            throw LoginRefused(failure);
        }

        if (string.IsNullOrEmpty(response.SessionId))
        {
            throw new VaultApiException(VaultErrorTypes.InvalidResponse, $"Vault at {pipeline.Server.Authority} answered the login without a session id.", 200, null);
        }

        pipeline.Redactor.AddSecret(response.SessionId);
        await EnsureSameVaultAsync(response, cancellationToken).ConfigureAwait(false);
        return (response.SessionId!, response.VaultId);
    }

    public static async Task<VaultIdentity> WhoAmIAsync(VaultHttpPipeline pipeline, long vaultId, CancellationToken cancellationToken)
    {
        var request = new VaultRequest(HttpMethod.Get, pipeline.Api("objects/users/me"));
        long headerVaultId = 0;
        var response = await pipeline.SendAsync(
            request,
            async (message, context, token) =>
            {
                if (message.Headers.TryGetValues("X-VaultAPI-VaultId", out var values))
                {
                    foreach (var value in values)
                    {
                        headerVaultId = long.TryParse(value, out var parsed) ? parsed : 0;
                    }
                }

                var body = await VaultHttpPipeline.ReadBodyAsync(message, token).ConfigureAwait(false);
                return ResponseEnvelopeReader.Read(body, context, VaultJsonContext.Default.UsersMeResponseDto, pipeline.Redactor);
            },
            cancellationToken).ConfigureAwait(false);
        var user = response.Users is { Count: > 0 } users ? users[0].User : null;
        if (user is null)
        {
            throw new VaultApiException(VaultErrorTypes.InvalidResponse, $"Vault at {pipeline.Server.Authority} did not say who the session belongs to (GET users/me returned no user).", 200, null);
        }

        var profile = user.SecurityProfile ?? "";
        return new VaultIdentity
        {
            UserId = user.Id,
            UserName = user.UserName ?? "",
            VaultId = vaultId != 0 ? vaultId : headerVaultId,
            SecurityProfile = profile,
            IsAdmin = AdminProfiles.Contains(profile),
        };
    }

    /// <summary>DELETE /session for the given session; a session that is already gone is fine.</summary>
    public static async Task EndSessionAsync(VaultHttpPipeline pipeline, string sessionId, CancellationToken cancellationToken)
    {
        var request = new VaultRequest(HttpMethod.Delete, pipeline.Api("session")) { SessionOverride = sessionId };
        try
        {
            await pipeline.SendJsonAsync(request, VaultJsonContext.Default.EnvelopeDto, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException gone) when (gone.VaultErrorType == VaultErrorTypes.InvalidSessionId)
        {
        }
    }

    private async Task EnsureSameVaultAsync(AuthResponseDto response, CancellationToken cancellationToken)
    {
        var ourHost = pipeline.Server.Host;
        VaultEntryDto? ours = null;
        VaultEntryDto? actual = null;
        foreach (var entry in response.VaultIds ?? new List<VaultEntryDto>())
        {
            if (ours is null && HostOf(entry.Url) is { } host && string.Equals(host, ourHost, StringComparison.OrdinalIgnoreCase))
            {
                ours = entry;
            }

            if (entry.Id == response.VaultId)
            {
                actual ??= entry;
            }
        }

        if (ours is not null && ours.Id == response.VaultId)
        {
            return;
        }

        try
        {
            await EndSessionAsync(pipeline, response.SessionId!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ending) when (ending is not OperationCanceledException)
        {
            pipeline.Log.Warning($"Could not end the login session Vault opened on another vault: {pipeline.Redactor.Redact(ending.Message)}");
        }

        var otherHost = HostOf(actual?.Url) ?? "another vault";
        throw new VaultStagingException(
            VaultErrorIds.VaultMismatch,
            VaultErrorCategory.SecurityError,
            $"Vault logged '{credential.UserName}' in to {otherHost} (vault id {response.VaultId}) instead of {ourHost}: the user cannot use {ourHost} (no such vault, not a member, or inactive). The session was ended; check the server name and the user's vault membership.")
        {
            Target = ourHost,
        };
    }

    private VaultStagingException LoginRefused(VaultApiException failure)
    {
        var reason = failure.VaultErrorType switch
        {
            VaultErrorTypes.UsernameOrPasswordIncorrect => "the user name or password is incorrect",
            VaultErrorTypes.NoPasswordProvided => "no password was given",
            VaultErrorTypes.InactiveUser => "the user is inactive",
            VaultErrorTypes.UserLockedOut => "the user is locked out",
            VaultErrorTypes.PasswordChangeRequired => "the password must be changed in the Vault UI first",
            VaultErrorTypes.ApiLimitExceeded => "too many logins in the last minute; wait a minute and try again",
            _ => pipeline.Redactor.Redact(failure.Errors.Count > 0 ? failure.Errors[0].Message : failure.VaultErrorType),
        };
        return new VaultApiException(
            failure.VaultErrorType,
            $"Vault at {pipeline.Server.Authority} refused the login of '{credential.UserName}': {reason} ({failure.VaultErrorType}).",
            failure.HttpStatus,
            failure.ExecutionId)
        {
            Errors = failure.Errors,
            Target = credential.UserName,
        };
    }

    private static string? HostOf(string? url)
        => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
