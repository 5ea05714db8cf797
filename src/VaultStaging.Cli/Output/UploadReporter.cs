using System;
using System.Globalization;
using System.Text.Json;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Cli.Output;

/// <summary>
/// Writes one line per finished file (JSON Lines with --json, otherwise "staged  /path  size" on stdout and
/// "failed  /path  reason" on stderr) and the closing summary. Thread-safe: results arrive from worker threads.
/// </summary>
internal sealed class UploadReporter
{
    private readonly object gate = new();
    private readonly CliConsole console;
    private readonly bool json;
    private int staged;
    private int committed;
    private int skipped;
    private int failed;
    private int cancelled;
    private long bytesStaged;

    public UploadReporter(CliConsole console, bool json)
    {
        this.console = console;
        this.json = json;
    }

    public bool AnyFailed
    {
        get
        {
            lock (gate)
            {
                return failed > 0;
            }
        }
    }

    public int Unfinished
    {
        get
        {
            lock (gate)
            {
                return cancelled;
            }
        }
    }

    public void Report(UploadResult result)
    {
        lock (gate)
        {
            Count(result);
        }

        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(ToLine(result), CliJsonContext.Default.UploadResultLine));
        }
        else if (result.Status == UploadStatus.Failed)
        {
            console.WriteErrorLine(FormatLine(result));
        }
        else
        {
            console.WriteLine(FormatLine(result));
        }
    }

    /// <summary>"3 staged, 0 skipped, 1 failed, 210.3 MiB in 4.2 s" (plain output only; JSON Lines stay pure).</summary>
    public void WriteSummary(TimeSpan elapsed)
    {
        if (json)
        {
            return;
        }

        string summary;
        lock (gate)
        {
            summary = string.Format(CultureInfo.InvariantCulture, "{0} staged, ", staged);
            if (committed > 0)
            {
                summary += string.Format(CultureInfo.InvariantCulture, "{0} committed (not waited for), ", committed);
            }

            summary += string.Format(CultureInfo.InvariantCulture, "{0} skipped, {1} failed, ", skipped, failed);
            if (cancelled > 0)
            {
                summary += string.Format(CultureInfo.InvariantCulture, "{0} cancelled, ", cancelled);
            }

            summary += SizeFormat.Bytes(bytesStaged) + " in " + SizeFormat.Seconds(elapsed);
        }

        console.WriteLine(summary);
    }

    public static string StatusName(UploadStatus status) => status.ToString().ToLowerInvariant();

    internal static UploadResultLine ToLine(UploadResult result) => new(
        result.LocalPath,
        result.StagingPath,
        result.Size,
        result.Parts,
        StatusName(result.Status),
        result.SessionId,
        result.JobId,
        result.Error is null ? null : ErrorReporter.OneLine(result.Error.Message),
        result.Error?.ErrorId);

    internal static string FormatLine(UploadResult result)
    {
        string detail = result.Status switch
        {
            UploadStatus.Failed => result.Error is null ? "failed" : ErrorReporter.OneLine(result.Error.Message),
            UploadStatus.Skipped => "already staged",
            UploadStatus.Cancelled => "stopped; the next run resumes it",
            UploadStatus.Committed => SizeFormat.Bytes(result.Size) + ", job " + result.JobId?.ToString(CultureInfo.InvariantCulture) + " not waited for",
            _ when result.Parts > 0 && result.PartsSent < result.Parts => SizeFormat.Bytes(result.Size)
                + string.Format(CultureInfo.InvariantCulture, ", resumed ({0} of {1} parts sent)", result.PartsSent, result.Parts),
            _ => SizeFormat.Bytes(result.Size),
        };
        return $"{StatusName(result.Status),-7} {result.StagingPath}  {detail}";
    }

    private void Count(UploadResult result)
    {
        switch (result.Status)
        {
            case UploadStatus.Staged:
                staged++;
                bytesStaged += result.Size;
                break;
            case UploadStatus.Committed:
                committed++;
                bytesStaged += result.Size;
                break;
            case UploadStatus.Skipped:
                skipped++;
                break;
            case UploadStatus.Cancelled:
                cancelled++;
                break;
            default:
                failed++;
                break;
        }
    }
}
