using System;
using System.Collections.Generic;

namespace VaultStaging.Module;

/// <summary>
/// Whether this process is PowerShell started with -NonInteractive (a scheduled task, a CI job): no one sees a
/// progress bar there, and drawing it costs time, most of all in Windows PowerShell 5.1.
/// </summary>
internal static class HostInteractivity
{
    private static readonly Lazy<bool> CurrentProcess = new(() => IsNonInteractive(Environment.GetCommandLineArgs()));

    public static bool IsNonInteractiveProcess => CurrentProcess.Value;

    /// <summary>
    /// Reads a powershell.exe / pwsh command line the way they read it: a switch may be abbreviated to any prefix of
    /// its name from "-noni" on, with '-' or '/'; what follows -File or -Command belongs to the script.
    /// </summary>
    public static bool IsNonInteractive(IReadOnlyList<string> commandLine)
    {
        for (var i = 1; i < commandLine.Count; i++)
        {
            var argument = commandLine[i];
            if (argument.Length < 2 || (argument[0] != '-' && argument[0] != '/'))
            {
                continue;
            }

            var name = argument.TrimStart('-', '/').ToLowerInvariant();
            if (name.Length >= 4 && IsPrefixOf(name, "noninteractive"))
            {
                return true;
            }

            if (IsPrefixOf(name, "file") || IsPrefixOf(name, "command") || IsPrefixOf(name, "encodedcommand") || name == "ec")
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsPrefixOf(string name, string full) => name.Length > 0 && full.StartsWith(name, StringComparison.Ordinal);
}
