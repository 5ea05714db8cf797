using System.Collections.Generic;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Part-sized arrays reused across the parts and files of one batch, so memory is set by the parts in flight.
/// <c>ArrayPool&lt;byte&gt;.Shared</c> does not serve here: its slots are per thread, and parts are read on one thread
/// and released on another, so it kept allocating fresh part-sized arrays (and on .NET Framework it pools nothing
/// over 1 MiB). An array returned here, on any thread, is the next one rented.
/// </summary>
internal sealed class PartBufferPool
{
    private readonly object gate = new();
    private readonly List<byte[]> free = new();

    /// <summary>An array of at least <paramref name="length"/> bytes (contents undefined): a file's short last part reuses a full one.</summary>
    public byte[] Rent(int length)
    {
        lock (gate)
        {
            var index = free.FindIndex(array => array.Length >= length);
            if (index >= 0)
            {
                var array = free[index];
                free.RemoveAt(index);
                return array;
            }

            // Larger parts than before (another file's plan): a smaller array goes, so the pool never holds more
            // arrays than were in flight at once.
            if (free.Count > 0)
            {
                free.RemoveAt(0);
            }
        }

        return new byte[length];
    }

    public void Return(byte[] array)
    {
        lock (gate)
        {
            free.Add(array);
        }
    }
}
