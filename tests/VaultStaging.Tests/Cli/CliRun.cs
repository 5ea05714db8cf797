using System;
using System.Linq;

namespace VaultStaging.Tests.Cli;

/// <summary>What one in-process run of the CLI produced.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => SplitLines(Stdout);

    public string[] StderrLines => SplitLines(Stderr);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    private static string[] SplitLines(string text)
        => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
}
