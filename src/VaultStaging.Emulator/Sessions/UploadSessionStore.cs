using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using VaultStaging.Emulator.Api;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator.Sessions;

/// <summary>
/// Active upload sessions. A session expires a fixed lifetime after creation (uploads do not extend
/// it) and is then purged with its parts. All members lock the shared emulator gate.
/// </summary>
internal sealed class UploadSessionStore
{
    private readonly object _gate;
    private readonly string _root;
    private readonly TimeProvider _clock;
    private readonly EmulatorLimits _limits;
    private readonly Dictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);
    private long _sequence;

    public UploadSessionStore(object gate, string root, TimeProvider clock, EmulatorLimits limits)
    {
        _gate = gate;
        _root = root;
        _clock = clock;
        _limits = limits;

        // Sessions are not persisted across runs; leftovers of a previous run are garbage.
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
    }

    public UploadSession Create(StagingPath target, EmulatorUser owner, long size, bool overwrite)
    {
        lock (_gate)
        {
            PurgeExpired();
            if (_sessions.Count >= _limits.MaxActiveSessions)
            {
                // UNCONFIRMED error type for exceeding the Vault-wide session cap.
                throw new VaultApiException(
                    ErrorTypes.OperationNotAllowed,
                    $"The Vault already has {_limits.MaxActiveSessions} active upload sessions; commit or abort one first.");
            }

            var id = NewId();
            var now = _clock.GetUtcNow();
            var directory = Path.Combine(_root, id);
            Directory.CreateDirectory(directory);
            var session = new UploadSession(id, target, owner, size, overwrite, now, now + _limits.SessionLifetime, directory) { Sequence = ++_sequence };
            _sessions.Add(id, session);
            return session;
        }
    }

    /// <summary>
    /// The live session with this id. UNCONFIRMED error type for an unknown, expired, committed or
    /// aborted session: INVALID_DATA.
    /// </summary>
    public UploadSession Get(string id)
    {
        lock (_gate)
        {
            PurgeExpired();
            return _sessions.TryGetValue(id, out var session)
                ? session
                : throw new VaultApiException(ErrorTypes.InvalidData, "Upload session not found; it may have expired, been committed or been aborted.");
        }
    }

    public IReadOnlyList<UploadSession> All()
    {
        lock (_gate)
        {
            PurgeExpired();
            return _sessions.Values.OrderBy(s => s.Sequence).ToArray();
        }
    }

    /// <summary>Ends a session and deletes its parts (abort, commit, expiry).</summary>
    public void Remove(UploadSession session)
    {
        lock (_gate)
        {
            _sessions.Remove(session.Id);
        }

        TryDeleteDirectory(session.Directory);
    }

    public void PurgeExpired()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            foreach (var session in _sessions.Values.Where(s => now >= s.Expires && !s.Committing && s.InFlight.Count == 0).ToArray())
            {
                Remove(session);
            }
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A part file still open by a request being torn down; the directory is removed with the data directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Opaque, URL-safe, and deliberately not plain hex (Vault has been seen issuing both forms).
    private static string NewId()
    {
        var main = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var tail = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return main + "." + tail;
    }
}
