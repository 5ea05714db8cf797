using System;
using System.Threading;

namespace VaultStaging.Core.Http;

/// <summary>
/// The file a request is made for, carried along the async flow, so a retry warning from deep in the HTTP pipeline
/// names the file (with eight files in flight the user must know which one is struggling).
/// </summary>
internal static class LogSubject
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Value => Current.Value;

    /// <summary>Sets the subject for the calling flow until the returned scope is disposed.</summary>
    public static IDisposable Begin(string subject)
    {
        var previous = Current.Value;
        Current.Value = subject;
        return new Scope(previous);
    }

    /// <summary>"file: " before <paramref name="message"/> when a subject is set.</summary>
    public static string Prefix(string message) => Current.Value is { } subject ? subject + ": " + message : message;

    private sealed class Scope : IDisposable
    {
        private readonly string? previous;

        public Scope(string? previous) => this.previous = previous;

        public void Dispose() => Current.Value = previous;
    }
}
