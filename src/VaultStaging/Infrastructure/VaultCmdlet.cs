using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Module;

/// <summary>
/// Base of every cmdlet: Ctrl+C cancels the token handed to the engine, engine work runs on worker threads while
/// the pipeline thread drains their messages, and errors go through <see cref="ErrorMapping"/>.
/// </summary>
public abstract class VaultCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineQueue? _queue;

    /// <summary>Cancelled by Ctrl+C (StopProcessing); reaches every engine call.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    internal PipelineQueue Queue => _queue ??= new PipelineQueue(WriteVerbose, WriteDebug, WriteWarning);

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Runs engine work on a worker thread and drains its messages here until it ends.</summary>
    internal T RunEngine<T>(Func<CancellationToken, Task<T>> work)
    {
        Task<T> task;
        using (ModuleLog.Route(Queue))
        {
            task = Task.Run(() => work(StopToken));
        }

        Queue.RunUntil(task);
        if (StopToken.IsCancellationRequested && (task.IsCanceled || task.Exception?.GetBaseException() is OperationCanceledException))
        {
            throw new PipelineStoppedException();
        }

        return task.GetAwaiter().GetResult();
    }

    internal void RunEngine(Func<CancellationToken, Task> work) => RunEngine(async token =>
    {
        await work(token).ConfigureAwait(false);
        return true;
    });

    /// <summary>Runs engine work for one item; a failure becomes a non-terminating error and false.</summary>
    internal bool TryRunEngine<T>(object? target, Func<CancellationToken, Task<T>> work, out T result)
    {
        try
        {
            result = RunEngine(work);
            return true;
        }
        catch (Exception exception) when (exception is not PipelineStoppedException)
        {
            WriteMappedError(exception, target);
            result = default!;
            return false;
        }
    }

    /// <summary>As <see cref="TryRunEngine{T}"/> for work on one local file: the error's target is that file.</summary>
    internal bool TryRunEngineForLocalFile<T>(string localPath, Func<CancellationToken, Task<T>> work, out T result)
    {
        try
        {
            result = RunEngine(work);
            return true;
        }
        catch (Exception exception) when (exception is not PipelineStoppedException)
        {
            WriteLocalFileError(exception, localPath);
            result = default!;
            return false;
        }
    }

    internal void WriteMappedError(Exception exception, object? target)
        => WriteError(ErrorMapping.Map(exception, target).ToErrorRecord(exception));

    /// <summary>A per-file error whose TargetObject is the local file.</summary>
    internal VaultErrorInfo WriteLocalFileError(Exception exception, string localPath)
    {
        var error = ErrorMapping.MapForLocalFile(exception, localPath);
        WriteError(error.ToErrorRecord(exception));
        return error;
    }

    internal void ThrowMappedError(Exception exception, object? target)
        => ThrowTerminatingError(ErrorMapping.Map(exception, target).ToErrorRecord(exception));

    /// <summary>A terminating error for arguments that cannot be used together or at all.</summary>
    internal void ThrowArgumentError(string errorId, string message, object? target)
        => ThrowTerminatingError(new VaultErrorInfo(errorId, ErrorCategory.InvalidArgument, message, target)
            .ToErrorRecord(new ArgumentException(message)));

    public void Dispose()
    {
        _queue?.Dispose();

        // After Ctrl+C an engine task may still be unwinding with this token; leave the source to the GC then.
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
