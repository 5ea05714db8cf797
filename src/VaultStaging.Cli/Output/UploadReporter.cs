using System;
using System.Globalization;
using System.Text.Json;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Cli.Output;

/// <summary>
/// Writes one line per finished file (JSON Lines with --json, otherwise "staged  /path  size" on stdout and
/// "failed  /path  reason" on stderr) and the closing summary. A failed file always gets its one line on stderr,
/// JSON or not, so cron mail shows it. Thread-safe: results arrive from worker threads.
/// </summary>
internal sealed class UploadReporter
{
    private readonly object gate = new();
    private readonly CliConsole console;
    private readonly bool json;
    private readonly bool dryRun;
    private int staged;
    private int updated;
    private int committed;
    private int skipped;
    private int failed;
    private int cancelled;
    private long bytesStaged;

    public UploadReporter(CliConsole console, bool json, bool dryRun = false)
    {
        this.console = console;
        this.json = json;
        this.dryRun = dryRun;
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
            console.WriteLine(JsonSerializer.Serialize(ToLine(result, dryRun), CliJsonContext.Default.UploadResultLine));
            if (result.Status == UploadStatus.Failed)
            {
                console.WriteErrorLine(ErrorReporter.Prefix + FormatLine(result, dryRun));
            }
        }
        else if (result.Status == UploadStatus.Failed)
        {
            console.WriteErrorLine(FormatLine(result, dryRun));
        }
        else
        {
            console.WriteLine(FormatLine(result, dryRun));
        }
    }

    /// <summary>
    /// "3 staged, 1 updated, 0 skipped, 1 failed, 210.3 MiB in 4.2 s" on stdout (plain output only: JSON Lines stay
    /// pure); <paramref name="extra"/> (e.g. the throttling total) follows on stderr in both modes.
    /// </summary>
    public void WriteSummary(TimeSpan elapsed, string? extra = null)
    {
        if (extra is not null)
        {
            console.WriteErrorLine(ErrorReporter.Prefix + extra);
        }

        if (json)
        {
            return;
        }

        string summary;
        lock (gate)
        {
            summary = (dryRun ? "dry run, nothing sent: " : "")
                + string.Format(CultureInfo.InvariantCulture, "{0} {1}, {2} {3}, ", staged, Verb("staged"), updated, Verb("updated"));
            if (committed > 0)
            {
                summary += string.Format(CultureInfo.InvariantCulture, "{0} committed (not waited for), ", committed);
            }

            summary += string.Format(CultureInfo.InvariantCulture, "{0} {1}, {2} {3}, ", skipped, Verb("skipped"), failed, Verb("failed"));
            if (cancelled > 0)
            {
                summary += string.Format(CultureInfo.InvariantCulture, "{0} cancelled, ", cancelled);
            }

            summary += (dryRun ? "" : SizeFormat.Bytes(bytesStaged) + " in ") + SizeFormat.Seconds(elapsed);
        }

        console.WriteLine(summary);
    }

    public static string StatusName(UploadStatus status) => status.ToString().ToLowerInvariant();

    internal static UploadResultLine ToLine(UploadResult result, bool dryRun = false) => new(
        result.LocalPath,
        result.StagingPath,
        result.Size,
        result.Parts,
        StatusName(result.Status),
        result.SessionId,
        result.JobId,
        result.Error is null ? null : ErrorReporter.OneLine(result.Error.Describe(CliRemedies.Instance)),
        result.Error?.ErrorId,
        dryRun ? true : null);

    internal static string FormatLine(UploadResult result, bool dryRun = false)
    {
        string detail = result.Status switch
        {
            UploadStatus.Failed => result.Error is null ? "failed" : ErrorReporter.OneLine(result.Error.Describe(CliRemedies.Instance)),
            UploadStatus.Skipped => "identical copy already staged",
            UploadStatus.Cancelled => "stopped; the next run resumes it",
            UploadStatus.Committed => SizeFormat.Bytes(result.Size) + ", job " + result.JobId?.ToString(CultureInfo.InvariantCulture) + " not waited for",
            _ when result.Parts > 0 && result.PartsSent < result.Parts => SizeFormat.Bytes(result.Size)
                + string.Format(CultureInfo.InvariantCulture, ", resumed ({0} of {1} parts sent)", result.PartsSent, result.Parts),
            _ => SizeFormat.Bytes(result.Size),
        };
        string status = dryRun ? "would " + DryRunVerb(result.Status) : StatusName(result.Status);
        return $"{status,-7} {result.StagingPath}  {detail}";
    }

    private static string DryRunVerb(UploadStatus status) => status switch
    {
        UploadStatus.Staged => "stage",
        UploadStatus.Updated => "update",
        UploadStatus.Skipped => "skip",
        _ => "fail",
    };

    private string Verb(string past) => dryRun ? "would be " + past : past;

    private void Count(UploadResult result)
    {
        switch (result.Status)
        {
            case UploadStatus.Staged:
                staged++;
                bytesStaged += result.Size;
                break;
            case UploadStatus.Updated:
                updated++;
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
