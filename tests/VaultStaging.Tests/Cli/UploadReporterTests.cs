using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using VaultStaging.Cli;
using VaultStaging.Cli.Output;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class UploadReporterTests
{
    [Fact]
    public void Plain_lines_say_what_happened_to_each_file()
    {
        Assert.Equal("staged  /d/a.bin  4.0 MiB, resumed (1 of 4 parts sent)",
            UploadReporter.FormatLine(Result(UploadStatus.Staged, size: 4 << 20, parts: 4, partsSent: 1)));
        Assert.Equal("committed /d/a.bin  4.0 MiB, job 77 not waited for",
            UploadReporter.FormatLine(Result(UploadStatus.Committed, size: 4 << 20, parts: 4, partsSent: 4, jobId: 77)));
        Assert.Equal("cancelled /d/a.bin  stopped; the next run resumes it",
            UploadReporter.FormatLine(Result(UploadStatus.Cancelled)));
        Assert.Equal("failed  /d/a.bin  Part 2 of 4 could not be sent. Run again.",
            UploadReporter.FormatLine(Result(UploadStatus.Failed, error: new VaultStagingException("PartUploadFailed", VaultErrorCategory.ConnectionError, "Part 2 of 4 could not be sent.\nRun again."))));
    }

    [Fact]
    public void Failed_files_go_to_stderr_and_count_in_the_summary()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var reporter = new UploadReporter(new CliConsole(stdout, stderr), json: false);

        reporter.Report(Result(UploadStatus.Staged, size: 2048));
        reporter.Report(Result(UploadStatus.Skipped));
        reporter.Report(Result(UploadStatus.Committed, size: 1024, jobId: 5));
        reporter.Report(Result(UploadStatus.Failed, error: new VaultStagingException("X", VaultErrorCategory.InvalidData, "bad")));
        reporter.WriteSummary(TimeSpan.FromSeconds(4.2));

        Assert.True(reporter.AnyFailed);
        Assert.Equal("failed  /d/a.bin  bad", stderr.ToString().Trim());
        Assert.Equal("1 staged, 0 updated, 1 committed (not waited for), 1 skipped, 1 failed, 3.0 KiB in 4.2 s", stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim());
    }

    [Fact]
    public void Json_lines_carry_the_error_and_its_id_and_stderr_still_gets_the_failure()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var reporter = new UploadReporter(new CliConsole(stdout, stderr), json: true);

        reporter.Report(Result(UploadStatus.Failed, error: new VaultStagingException("StagingItemExists", VaultErrorCategory.ResourceExists, "exists")));

        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("exists", json.RootElement.GetProperty("error").GetString());
        Assert.Equal("StagingItemExists", json.RootElement.GetProperty("errorId").GetString());
        Assert.False(json.RootElement.TryGetProperty("sessionId", out _));
        Assert.Equal("vaultstaging: failed  /d/a.bin  exists", stderr.ToString().Trim());
    }

    private static UploadResult Result(UploadStatus status, long size = 10, int parts = 0, int partsSent = 0, long? jobId = null, VaultStagingException? error = null)
        => new()
        {
            LocalPath = "a.bin",
            StagingPath = "/d/a.bin",
            Size = size,
            Parts = parts,
            PartsSent = partsSent,
            JobId = jobId,
            Status = status,
            Error = error,
        };
}
