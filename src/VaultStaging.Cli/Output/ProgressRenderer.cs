using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using VaultStaging.Core.Download;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Cli.Output;

/// <summary>
/// The one updating status line of an upload on a terminal: files done/total, bytes, rate, ETA, current file.
/// Redraws at most four times a second; does nothing when stderr is redirected. Thread-safe.
/// </summary>
internal sealed class ProgressRenderer
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Beyond 100 hours an estimate means nothing (and a stalled rate would overflow TimeSpan).</summary>
    private const double MaxEtaSeconds = 100 * 3600;

    private readonly object gate = new();
    private readonly CliConsole console;
    private readonly int totalFiles;
    private readonly long totalBytes;
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly Dictionary<string, long> bytesInFlight = new(StringComparer.Ordinal);
    private long bytesOfFinishedFiles;
    private int finishedFiles;
    private string currentFile = "";
    private TimeSpan? lastRedraw;

    public ProgressRenderer(CliConsole console, int totalFiles, long totalBytes)
    {
        this.console = console;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
    }

    private bool Enabled => console.ErrorIsTerminal;

    public void OnProgress(UploadProgress progress)
    {
        if (!Enabled)
        {
            return;
        }

        lock (gate)
        {
            bytesInFlight[progress.LocalPath] = progress.BytesDone;
            currentFile = Path.GetFileName(progress.LocalPath);
            RedrawIfDue();
        }
    }

    public void OnFileCompleted(UploadResult result)
    {
        if (!Enabled)
        {
            return;
        }

        lock (gate)
        {
            bytesInFlight.Remove(result.LocalPath);
            bytesOfFinishedFiles += result.Size;
            finishedFiles++;
            RedrawIfDue();
        }
    }

    public void OnProgress(DownloadProgress progress) => Update(progress.LocalPath, progress.BytesDone);

    public void OnFileCompleted(DownloadResult result) => Completed(result.LocalPath, result.Size);

    public void Finish() => console.ClearStatus();

    private void Update(string key, long bytesDone)
    {
        if (!Enabled)
        {
            return;
        }

        lock (gate)
        {
            bytesInFlight[key] = bytesDone;
            currentFile = Path.GetFileName(key);
            RedrawIfDue();
        }
    }

    private void Completed(string key, long size)
    {
        if (!Enabled)
        {
            return;
        }

        lock (gate)
        {
            bytesInFlight.Remove(key);
            bytesOfFinishedFiles += size;
            finishedFiles++;
            RedrawIfDue();
        }
    }

    private void RedrawIfDue()
    {
        var now = elapsed.Elapsed;
        if (lastRedraw is { } last && now - last < RedrawInterval)
        {
            return;
        }

        lastRedraw = now;
        console.SetStatus(Describe(now));
    }

    private string Describe(TimeSpan now)
    {
        long done = bytesOfFinishedFiles;
        foreach (long bytes in bytesInFlight.Values)
        {
            done += bytes;
        }

        double rate = now.TotalSeconds > 0.5 ? done / now.TotalSeconds : 0;
        double secondsLeft = rate > 0 ? (totalBytes - done) / rate : double.PositiveInfinity;
        string eta = secondsLeft is > 0 and < MaxEtaSeconds ? "ETA " + SizeFormat.Clock(TimeSpan.FromSeconds(secondsLeft)) : "ETA -";
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0}/{1} files  {2} of {3}  {4}  {5}  {6}",
            finishedFiles,
            totalFiles,
            SizeFormat.Bytes(done),
            SizeFormat.Bytes(totalBytes),
            SizeFormat.Rate(rate),
            eta,
            currentFile);
    }
}
