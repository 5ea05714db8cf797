using System.Collections.Generic;

namespace VaultStaging.Emulator.Recording;

/// <summary>Append-only, thread-safe log of API requests, bounded so a long benchmark cannot exhaust memory.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly object _gate = new();
    private readonly Queue<RecordedRequest> _entries = new();

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
