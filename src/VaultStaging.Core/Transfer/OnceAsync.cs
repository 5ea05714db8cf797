using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// A value fetched once and shared by every caller of a batch (the first caller starts the fetch, the others await
/// it); a failed or cancelled fetch is not kept, so the next caller tries again.
/// </summary>
internal sealed class OnceAsync<T>
{
    private readonly Func<CancellationToken, Task<T>> fetch;
    private readonly object gate = new();
    private Task<T>? task;

    public OnceAsync(Func<CancellationToken, Task<T>> fetch) => this.fetch = fetch;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (task is null || task.IsFaulted || task.IsCanceled)
            {
                task = fetch(cancellationToken);
            }

            return task;
        }
    }
}
