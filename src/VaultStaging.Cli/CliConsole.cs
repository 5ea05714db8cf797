using System;
using System.Collections.Generic;
using System.IO;

namespace VaultStaging.Cli;

/// <summary>
/// Standard output and error for one run, safe to call from worker threads. Owns the one updating status line
/// (shown on stderr only when stderr is a terminal) and clears it before any other line is written.
/// </summary>
internal sealed class CliConsole
{
    private readonly object gate = new();
    private int statusLength;

    /// <summary>Where every line written is also appended, timestamped (--log-file); null = nowhere.</summary>
    private TextWriter? log;
    private Func<DateTimeOffset> logClock = () => DateTimeOffset.UtcNow;

    public CliConsole(TextWriter output, TextWriter error, bool errorIsTerminal = false, int width = 80)
    {
        Out = output;
        Error = error;
        ErrorIsTerminal = errorIsTerminal;
        Width = width;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when a live status line can be drawn (stderr is a terminal).</summary>
    public bool ErrorIsTerminal { get; }

    public int Width { get; }

    /// <summary>Where answers to a question come from (standard input); null when nothing can answer.</summary>
    public TextReader? Input { get; init; }

    /// <summary>True when a person can answer a question: standard input and standard error are both a terminal.</summary>
    public bool CanAsk => Input is not null && InputIsTerminal && ErrorIsTerminal;

    public bool InputIsTerminal { get; init; }

    public static CliConsole FromSystemConsole()
    {
        bool errorIsTerminal = !Console.IsErrorRedirected;
        int width = 80;
        if (errorIsTerminal)
        {
            try
            {
                // 0 when the terminal does not report a size (e.g. under `script`): keep the default.
                if (Console.WindowWidth > 0)
                {
                    width = Math.Max(40, Console.WindowWidth);
                }
            }
            catch (IOException)
            {
                // No real window (e.g. some CI pseudo-terminals): keep the default width.
            }
        }

        return new CliConsole(Console.Out, Console.Error, errorIsTerminal, width)
        {
            Input = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
        };
    }

    /// <summary>
    /// Appends every line this console writes (stdout and stderr, not the status line) to <paramref name="path"/>,
    /// each after an ISO 8601 UTC timestamp, until <see cref="CloseLog"/>. The lines carry no secret: nothing the CLI
    /// prints does.
    /// </summary>
    public void OpenLog(string path, Func<DateTimeOffset>? utcNow = null)
    {
        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        lock (gate)
        {
            log = writer;
            logClock = utcNow ?? (() => DateTimeOffset.UtcNow);
        }
    }

    /// <summary>A line for the log file only (the run's start and exit code).</summary>
    public void LogOnly(string line)
    {
        lock (gate)
        {
            LogLocked(line);
        }
    }

    public void CloseLog()
    {
        lock (gate)
        {
            log?.Dispose();
            log = null;
        }
    }

    public void WriteLine(string line)
    {
        lock (gate)
        {
            ClearStatusLocked();
            Out.WriteLine(line);
            Out.Flush();
            LogLocked(line);
        }
    }

    public void WriteLines(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            WriteLine(line);
        }
    }

    public void WriteErrorLine(string line)
    {
        lock (gate)
        {
            ClearStatusLocked();
            Error.WriteLine(line);
            Error.Flush();
            LogLocked(line);
        }
    }

    /// <summary>Also to the log file, when one is open (the caller holds the gate).</summary>
    private void LogLocked(string line)
    {
        log?.WriteLine(logClock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) + " " + line);
    }

    /// <summary>Asks a yes/no question on stderr and reads one line; only "y" or "yes" (any case) is a yes.</summary>
    public bool Confirm(string question)
    {
        lock (gate)
        {
            ClearStatusLocked();
            Error.Write(question + " [y/N] ");
            Error.Flush();
        }

        string answer = (Input?.ReadLine() ?? "").Trim();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Redraws the status line in place; ignored when stderr is not a terminal.</summary>
    public void SetStatus(string text)
    {
        if (!ErrorIsTerminal)
        {
            return;
        }

        if (text.Length > Width - 1)
        {
            text = string.Concat(text.AsSpan(0, Width - 2), "…");
        }

        lock (gate)
        {
            Error.Write("\r" + text.PadRight(statusLength));
            Error.Flush();
            statusLength = text.Length;
        }
    }

    public void ClearStatus()
    {
        lock (gate)
        {
            ClearStatusLocked();
        }
    }

    private void ClearStatusLocked()
    {
        if (statusLength == 0)
        {
            return;
        }

        Error.Write("\r" + new string(' ', statusLength) + "\r");
        Error.Flush();
        statusLength = 0;
    }
}
