using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace VaultStaging.Emulator.Auth;

/// <summary>
/// Login sessions (the value of the Authorization header). A session dies after the idle timeout,
/// counted from the end of its last request, or at the absolute cap counted from login, both on the clock.
/// </summary>
internal sealed class LoginSessionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LoginSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly EmulatorLimits _limits;

    public LoginSessionStore(TimeProvider clock, EmulatorLimits limits)
    {
        _clock = clock;
        _limits = limits;
    }

    public LoginSession Create(EmulatorUser user, long vaultId)
    {
        // Vault session ids are long upper-case hex strings.
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(48));
        var now = _clock.GetUtcNow();
        var session = new LoginSession(id, user, vaultId, now) { LastActivity = now };
        lock (_gate)
        {
            _sessions.Add(id, session);
        }

        return session;
    }

    /// <summary>The live session for an Authorization header value (raw id or <c>Bearer id</c>), else null.</summary>
    public LoginSession? Validate(string? authorization)
    {
        var id = ExtractId(authorization);
        if (id is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                return null;
            }

            if (IsExpired(session, _clock.GetUtcNow()))
            {
                _sessions.Remove(id);
                return null;
            }

            session.ActiveRequests++;
            return session;
        }
    }

    /// <summary>Called when a request that used the session has finished: the idle clock restarts now.</summary>
    public void RequestFinished(LoginSession session)
    {
        lock (_gate)
        {
            session.ActiveRequests--;
            session.LastActivity = _clock.GetUtcNow();
        }
    }

    public bool End(string id)
    {
        lock (_gate)
        {
            return _sessions.Remove(id);
        }
    }

    public bool Expire(string id) => End(id);

    public void ExpireAll()
    {
        lock (_gate)
        {
            _sessions.Clear();
        }
    }

    public IReadOnlyList<LoginSessionInfo> Snapshot()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            return _sessions.Values
                .Where(s => !IsExpired(s, now))
                .Select(s => new LoginSessionInfo(Truncate(s.Id), s.User.UserName, s.User.Id, s.CreatedAt, s.LastActivity))
                .ToArray();
        }
    }

    /// <summary>The shortened id Vault sends in X-VaultAPI-TruncatedSessionId: groups calls, cannot authenticate.</summary>
    public static string Truncate(string id) => id.Length <= 16 ? id : id[..16];

    private bool IsExpired(LoginSession session, DateTimeOffset now) =>
        (session.ActiveRequests == 0 && now - session.LastActivity > _limits.LoginIdleTimeout) ||
        now - session.CreatedAt >= _limits.LoginMaxLifetime;

    private static string? ExtractId(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        var value = authorization.Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            value = value["Bearer ".Length..].Trim();
        }

        return value.Length == 0 ? null : value;
    }
}

internal sealed class LoginSession(string id, EmulatorUser user, long vaultId, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public EmulatorUser User { get; } = user;

    public long VaultId { get; } = vaultId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastActivity { get; set; }

    /// <summary>Requests still running on this session; an upload in flight must not idle out.</summary>
    public int ActiveRequests { get; set; }
}
