using System;
using System.Globalization;
using System.Text.Json;
using VaultStaging.Core.Download;

namespace VaultStaging.Cli.Output;

/// <summary>
/// One line per finished download (JSON Lines with --json, otherwise "downloaded  /path  -> local  size" on stdout and
/// "failed  /path  reason" on stderr) and the closing summary. Thread-safe: results arrive from worker threads.
/// </summary>
internal sealed class DownloadReporter
{
    private readonly object gate = new();
    private readonly CliConsole console;
    private readonly bool json;
    private int downloaded;
    private int skipped;
    private int failed;
    private int cancelled;
    private long bytes;

    public DownloadReporter(CliConsole console, bool json)
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
                return failed > 0 || cancelled > 0;
            }
        }
    }

    public void Report(DownloadResult result)
    {
        lock (gate)
        {
            switch (result.Status)
            {
                case DownloadStatus.Downloaded:
                    downloaded++;
                    bytes += result.Size - result.BytesResumed;
                    break;
                case DownloadStatus.Skipped:
                    skipped++;
                    break;
                case DownloadStatus.Cancelled:
                    cancelled++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(ToLine(result), CliJsonContext.Default.DownloadResultLine));
            if (result.Status == DownloadStatus.Failed)
            {
                // stdout stays pure JSON Lines; the failure is on stderr too, so cron mail shows it (as upload does).
                console.WriteErrorLine(ErrorReporter.Prefix + FormatLine(result));
            }
        }
        else if (result.Status == DownloadStatus.Failed)
        {
            console.WriteErrorLine(FormatLine(result));
        }
        else
        {
            console.WriteLine(FormatLine(result));
        }
    }

    /// <summary>"3 downloaded, 0 skipped, 1 failed, 210.3 MiB in 4.2 s" (plain output only; JSON Lines stay pure).</summary>
    public void WriteSummary(TimeSpan elapsed)
    {
        if (json)
        {
            return;
        }

        string summary;
        lock (gate)
        {
            summary = string.Format(CultureInfo.InvariantCulture, "{0} downloaded, {1} skipped, {2} failed, ", downloaded, skipped, failed);
            if (cancelled > 0)
            {
                summary += string.Format(CultureInfo.InvariantCulture, "{0} cancelled, ", cancelled);
            }

            summary += SizeFormat.Bytes(bytes) + " in " + SizeFormat.Seconds(elapsed);
        }

        console.WriteLine(summary);
    }

    public static string StatusName(DownloadStatus status) => status.ToString().ToLowerInvariant();

    internal static DownloadResultLine ToLine(DownloadResult result) => new(
        result.StagingPath,
        result.LocalPath.Length == 0 ? null : result.LocalPath,
        result.Size,
        StatusName(result.Status),
        result.BytesResumed == 0 ? null : result.BytesResumed,
        result.Error is null ? null : ErrorReporter.OneLine(result.Error.Message),
        result.Error?.ErrorId);

    internal static string FormatLine(DownloadResult result)
    {
        string detail = result.Status switch
        {
            DownloadStatus.Failed => result.Error is null ? "failed" : ErrorReporter.OneLine(result.Error.Message),
            DownloadStatus.Skipped => "-> " + result.LocalPath + "  kept (local file exists)",
            DownloadStatus.Cancelled => "stopped; the next run resumes it",
            _ when result.BytesResumed > 0 => "-> " + result.LocalPath + "  " + SizeFormat.Bytes(result.Size)
                + ", resumed after " + SizeFormat.Bytes(result.BytesResumed),
            _ => "-> " + result.LocalPath + "  " + SizeFormat.Bytes(result.Size),
        };
        return $"{StatusName(result.Status),-10} {result.StagingPath}  {detail}";
    }
}
