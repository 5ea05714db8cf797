using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using VaultStaging.Core.Download;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Cli.Output;

/// <summary>
/// The one updating status line of a transfer on a terminal: files done/total, bytes, rate, ETA, current file, as the
/// engine's <see cref="TransferProgressTracker"/> counts them. Redraws at most four times a second; does nothing when
/// stderr is redirected. Thread-safe.
/// </summary>
internal sealed class ProgressRenderer
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    private readonly object gate = new();
    private readonly CliConsole console;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TransferProgressTracker tracker;
    private string currentFile = "";
    private TimeSpan? lastRedraw;

    public ProgressRenderer(CliConsole console, int totalFiles, long totalBytes)
    {
        this.console = console;
        tracker = new TransferProgressTracker(() => clock.Elapsed);
        tracker.AddFiles(totalFiles, totalBytes);
    }

    private bool Enabled => console.ErrorIsTerminal;

    public void OnProgress(UploadProgress progress)
    {
        if (Enabled)
        {
            tracker.Observe(progress);
            Redraw(progress.LocalPath);
        }
    }

    public void OnFileCompleted(UploadResult result) => Ended(result.LocalPath, result.Size);

    public void OnProgress(DownloadProgress progress)
    {
        if (Enabled)
        {
            tracker.Observe(progress);
            Redraw(progress.LocalPath);
        }
    }

    public void OnFileCompleted(DownloadResult result) => Ended(result.LocalPath, result.Size);

    public void Finish() => console.ClearStatus();

    private void Ended(string localPath, long size)
    {
        if (Enabled)
        {
            tracker.FileEnded(localPath, size);
            Redraw(null);
        }
    }

    private void Redraw(string? activeFile)
    {
        lock (gate)
        {
            if (activeFile is not null)
            {
                currentFile = Path.GetFileName(activeFile);
            }

            var now = clock.Elapsed;
            if (lastRedraw is { } last && now - last < RedrawInterval)
            {
                return;
            }

            lastRedraw = now;
            console.SetStatus(Describe(tracker.Snapshot()));
        }
    }

    private string Describe(TransferProgressSnapshot progress)
        => string.Format(
            CultureInfo.InvariantCulture,
            "{0}/{1} files  {2} of {3}  {4}  {5}  {6}",
            progress.FilesDone,
            progress.FilesTotal,
            SizeFormat.Bytes(progress.BytesDone),
            SizeFormat.Bytes(progress.BytesTotal),
            SizeFormat.Rate(progress.BytesPerSecond),
            progress.Remaining is { } left ? "ETA " + SizeFormat.Clock(left) : "ETA -",
            currentFile);
}
