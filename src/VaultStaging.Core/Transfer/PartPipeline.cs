using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Feeds parts strictly in order to a sender while reading and hashing the next part: at most two part buffers
/// are alive at once (the one on the wire and the one read ahead), and each part is read from disk once.
/// </summary>
internal sealed class PartPipeline
{
    private readonly PartReader reader;
    private readonly int partCount;

    public PartPipeline(PartReader reader, int partCount)
    {
        this.reader = reader;
        this.partCount = partCount;
    }

    public async Task RunAsync(int firstPart, Func<PartBuffer, Task> send, CancellationToken cancellationToken)
    {
        PartBuffer? current = await reader.ReadAsync(firstPart, cancellationToken).ConfigureAwait(false);
        try
        {
            while (current is not null)
            {
                var partNumber = current.PartNumber;
                var sending = send(current);
                var readingAhead = partNumber < partCount
                    ? Task.Run(() => reader.ReadAsync(partNumber + 1, cancellationToken), cancellationToken)
                    : null;
                try
                {
                    await sending.ConfigureAwait(false);
                }
                catch
                {
                    await ReleaseAsync(readingAhead).ConfigureAwait(false);
                    throw;
                }

                current.Dispose();
                current = null;
                if (readingAhead is not null)
                {
                    current = await readingAhead.ConfigureAwait(false);
                }
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    /// <summary>Returns a read-ahead buffer nobody will send to the pool, whatever became of the read.</summary>
    private static async Task ReleaseAsync(Task<PartBuffer>? reading)
    {
        if (reading is null)
        {
            return;
        }

        try
        {
            (await reading.ConfigureAwait(false)).Dispose();
        }
        catch
        {
            // The send failure is what the caller reports; a failed read-ahead adds nothing.
        }
    }
}
