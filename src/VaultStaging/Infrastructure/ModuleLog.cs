using System;
using System.Threading;
using VaultStaging.Core;

namespace VaultStaging.Module;

/// <summary>
/// The IVaultLog given to every connection. Lines go to the cmdlet whose engine call produced them: the cmdlet
/// sets <see cref="Route"/> around its engine calls and the value flows with the async work (AsyncLocal).
/// </summary>
internal sealed class ModuleLog : IVaultLog
{
    public static readonly ModuleLog Instance = new();

    private static readonly AsyncLocal<IVaultLog?> CurrentSink = new();

    private ModuleLog()
    {
    }

    public static IDisposable Route(IVaultLog sink)
    {
        var previous = CurrentSink.Value;
        CurrentSink.Value = sink;
        return new Restore(previous);
    }

    public void Verbose(string message) => CurrentSink.Value?.Verbose(message);

    public void Debug(string message) => CurrentSink.Value?.Debug(message);

    public void Warning(string message) => CurrentSink.Value?.Warning(message);

    private sealed class Restore : IDisposable
    {
        private readonly IVaultLog? _previous;

        public Restore(IVaultLog? previous) => _previous = previous;

        public void Dispose() => CurrentSink.Value = _previous;
    }
}
