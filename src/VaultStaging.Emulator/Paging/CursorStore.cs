using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VaultStaging.Emulator.Api;

namespace VaultStaging.Emulator.Paging;

/// <summary>
/// Server-side list snapshots behind <c>next_page</c> cursors. A cursor stays valid for the cursor
/// lifetime from the original query (on the clock) and only for the user and list kind it was made for.
/// </summary>
internal sealed class CursorStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly EmulatorLimits _limits;

    public CursorStore(TimeProvider clock, EmulatorLimits limits)
    {
        _clock = clock;
        _limits = limits;
    }

    /// <summary>Returns the first page and, when more remain, the cursor for the next one.</summary>
    public (JsonArray Page, string? NextCursor) Start(string scope, long userId, IReadOnlyList<JsonNode> items, int limit)
    {
        var snapshot = new Snapshot(scope, userId, items, _clock.GetUtcNow() + _limits.CursorLifetime);
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        lock (_gate)
        {
            foreach (var expired in _snapshots.Where(p => _clock.GetUtcNow() >= p.Value.Expires).Select(p => p.Key).ToArray())
            {
                _snapshots.Remove(expired);
            }

            _snapshots[key] = snapshot;
        }

        return Page(key, snapshot, 0, limit);
    }

    /// <summary>Continues a listing from a cursor produced by <see cref="Start"/>.</summary>
    public (JsonArray Page, string? NextCursor) Continue(string cursor, string scope, long userId, int limit)
    {
        int dash = cursor.LastIndexOf('-');
        Snapshot? snapshot = null;
        int offset = 0;
        if (dash > 0 && int.TryParse(cursor.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            lock (_gate)
            {
                _snapshots.TryGetValue(cursor[..dash], out snapshot);
            }
        }

        if (snapshot is null || snapshot.Scope != scope || snapshot.UserId != userId || offset > snapshot.Items.Count)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "Invalid cursor.");
        }

        if (_clock.GetUtcNow() >= snapshot.Expires)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, "The cursor has expired; repeat the original query.");
        }

        return Page(cursor[..dash], snapshot, offset, limit);
    }

    private static (JsonArray, string?) Page(string key, Snapshot snapshot, int offset, int limit)
    {
        var page = new JsonArray();
        int end = Math.Min(snapshot.Items.Count, offset + limit);
        for (int i = offset; i < end; i++)
        {
            page.Add(snapshot.Items[i].DeepClone());
        }

        string? next = end < snapshot.Items.Count ? key + "-" + end.ToString(CultureInfo.InvariantCulture) : null;
        return (page, next);
    }

    private sealed record Snapshot(string Scope, long UserId, IReadOnlyList<JsonNode> Items, DateTimeOffset Expires);
}
