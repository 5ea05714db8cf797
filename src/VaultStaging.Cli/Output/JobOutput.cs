using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Staging;

namespace VaultStaging.Cli.Output;

/// <summary>
/// Jobs as the CLI shows them (jobs show / wait, and the jobs that mv and rm start): one line per job, JSON Lines
/// with --json; a failed job goes to stderr. Waiting follows each job with the engine's JobWaiter (one status read
/// per interval per job, 10 s on a real vault). Thread-safe.
/// </summary>
internal sealed class JobOutput
{
    private readonly CliConsole console;
    private readonly bool json;

    public JobOutput(CliConsole console, bool json)
    {
        this.console = console;
        this.json = json;
    }

    /// <summary>The one job of 'jobs show', all its fields.</summary>
    public void Show(VaultJob job)
    {
        if (json)
        {
            WriteJson(job, null, null);
            return;
        }

        var table = new TextTable("Id:", job.Id.ToString(CultureInfo.InvariantCulture));
        table.Add("Status:", job.Status + (job.IsSucceeded ? "" : job.IsFailed ? " (failed)" : " (not finished)"));
        table.Add("Method:", job.Method ?? "-");
        table.Add("Created:", SizeFormat.Timestamp(job.CreatedDate));
        table.Add("Started:", SizeFormat.Timestamp(job.RunStartDate));
        table.Add("Ended:", SizeFormat.Timestamp(job.RunEndDate));
        console.WriteLines(table.Lines());
    }

    /// <summary>A job that was started and not waited for (--no-wait): its id, for 'jobs wait'.</summary>
    public void Started(long id, string what)
    {
        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(new JobLine(id, "started", null, what, null, null, null, null), CliJsonContext.Default.JobLine));
            return;
        }

        console.WriteLine(string.Format(CultureInfo.InvariantCulture, "started   job {0}  {1}  (follow it with: vaultstaging jobs wait {0})", id, what));
    }

    public void Finished(VaultJob job, string? what)
    {
        if (json)
        {
            WriteJson(job, what, null);
            return;
        }

        console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-9} job {1}{2}", job.IsSucceeded ? "done" : job.Status.ToLowerInvariant(), job.Id, what is null ? "" : "  " + what));
    }

    /// <summary>A job (or, with id 0, the request that would have started one) that did not succeed.</summary>
    public void Failed(long id, string? what, Exception error)
    {
        string status = error is VaultStagingException { ErrorId: VaultErrorIds.JobTimeout } ? "timeout" : "failed";
        string message = ErrorReporter.Describe(error);
        if (json)
        {
            console.WriteLine(JsonSerializer.Serialize(new JobLine(id > 0 ? id : null, status, null, what, null, null, null, message), CliJsonContext.Default.JobLine));
        }

        // id 0: the request itself failed, so there is no job. With --json the line goes to stderr as well, so cron mail shows it.
        string job = id > 0 ? "job " + id.ToString(CultureInfo.InvariantCulture) + (what is null ? "" : "  ") : "";
        console.WriteErrorLine((json ? ErrorReporter.Prefix : "") + string.Format(CultureInfo.InvariantCulture, "{0,-9} {1}{2}  {3}", status, job, what ?? "", message));
    }

    /// <summary>Waits for every job at once (the poll rule is per job id); true when all ended SUCCESS.</summary>
    public async Task<bool> WaitAllAsync(FileStagingClient staging, IEnumerable<(long Id, string? What)> jobs, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(jobs.Select(async job =>
        {
            try
            {
                Finished(await staging.WaitForJobAsync(job.Id, pollInterval, timeout, cancellationToken).ConfigureAwait(false), job.What);
                return true;
            }
            catch (Exception error) when (error is VaultStagingException && !cancellationToken.IsCancellationRequested)
            {
                Failed(job.Id, job.What, error);
                return false;
            }
        })).ConfigureAwait(false);
        return results.All(ok => ok);
    }

    private void WriteJson(VaultJob job, string? what, string? error) => console.WriteLine(JsonSerializer.Serialize(
        new JobLine(job.Id, job.Status, job.Method, what, job.CreatedDate, job.RunStartDate, job.RunEndDate, error),
        CliJsonContext.Default.JobLine));
}
