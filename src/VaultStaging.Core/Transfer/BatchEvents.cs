using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Raises a batch's events from its workers: an exception thrown by a handler does not stop the batch; it is kept
/// and rethrown by <see cref="ThrowIfAnyFailed"/> once every file has a result.
/// </summary>
internal sealed class BatchEvents
{
    private readonly object gate = new();
    private readonly List<Exception> handlerErrors = new();
    private readonly string batchName;

    public BatchEvents(string batchName) => this.batchName = batchName;

    public void Raise<T>(object sender, EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(sender, args);
        }
        catch (Exception e)
        {
            lock (gate)
            {
                handlerErrors.Add(e);
            }
        }
    }

    /// <summary>A progress sink that reports synchronously on the worker's thread (Progress&lt;T&gt; would post to a captured context).</summary>
    public IProgress<T> Progress<T>(object sender, Func<EventHandler<T>?> handler) => new CallbackProgress<T>(value => Raise(sender, handler(), value));

    public void ThrowIfAnyFailed()
    {
        lock (gate)
        {
            if (handlerErrors.Count == 1)
            {
                ExceptionDispatchInfo.Capture(handlerErrors[0]).Throw();
            }

            if (handlerErrors.Count > 1)
            {
                throw new AggregateException($"{batchName} event handlers failed.", handlerErrors);
            }
        }
    }

    private sealed class CallbackProgress<T> : IProgress<T>
    {
        private readonly Action<T> report;

        public CallbackProgress(Action<T> report) => this.report = report;

        public void Report(T value) => report(value);
    }
}
