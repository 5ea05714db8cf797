using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using VaultStaging.Core;

namespace VaultStaging.Module;

/// <summary>
/// Work for the pipeline thread. Engine callbacks (log lines, progress, results) run on worker threads and may not
/// call Write*; they enqueue an action here and the cmdlet runs it on the pipeline thread.
/// </summary>
internal sealed class PipelineQueue : IVaultLog, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly BlockingCollection<Action> _actions = new();
    private readonly Action<string> _verbose;
    private readonly Action<string> _debug;
    private readonly Action<string> _warning;

    public PipelineQueue(Action<string> verbose, Action<string> debug, Action<string> warning)
    {
        _verbose = verbose;
        _debug = debug;
        _warning = warning;
    }

    /// <summary>Called from any thread.</summary>
    public void Post(Action action)
    {
        if (!_actions.IsAddingCompleted)
        {
            try
            {
                _actions.Add(action);
            }
            catch (InvalidOperationException)
            {
                // Completed between the check and the add: the cmdlet has ended, the line has nowhere to go.
            }
        }
    }

    public void Verbose(string message) => Post(() => _verbose(message));

    public void Debug(string message) => Post(() => _debug(message));

    public void Warning(string message) => Post(() => _warning(message));

    /// <summary>Runs what is queued now; never blocks. Pipeline thread only.</summary>
    public void RunPending()
    {
        while (_actions.TryTake(out var action))
        {
            action();
        }
    }

    /// <summary>Runs queued actions until <paramref name="task"/> has ended and the queue is empty. Pipeline thread only.</summary>
    public void RunUntil(Task task)
    {
        while (!task.IsCompleted)
        {
            if (_actions.TryTake(out var action, PollInterval))
            {
                action();
            }
        }

        RunPending();
    }

    /// <summary>Stops accepting actions. The collection is not disposed: a worker still winding down after Ctrl+C may post.</summary>
    public void Dispose() => _actions.CompleteAdding();
}
