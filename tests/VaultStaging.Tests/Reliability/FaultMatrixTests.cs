using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Reliability;

/// <summary>
/// Real uploads over loopback with each fault kind injected at several points. Every case ends with the staged file
/// byte-identical, or with the failure reported and nothing corrupt staged; after a resume at most one part per
/// interruption is sent again; no secret appears in anything produced.
/// </summary>
[Collection(FaultMatrixCollection.Name)]
public sealed class FaultMatrixTests
{
    /// <summary>Four parts of 4 KiB, the last one short.</summary>
    private const long FileSize = (4096 * 3) + 100;
    private const int PartCount = 4;

    private readonly FaultMatrixReport report;

    public FaultMatrixTests(FaultMatrixReport report) => this.report = report;

    public static IEnumerable<object[]> Cases()
    {
        var everywhere = new[] { "first part", "middle part", "last part", "commit", "job poll", "create session" };
        var perKind = new Dictionary<FaultKind, string[]>
        {
            [FaultKind.DropConnection] = everywhere,
            [FaultKind.ResetBeforeResponse] = everywhere,
            [FaultKind.Http500] = everywhere,
            [FaultKind.Http503] = everywhere,
            [FaultKind.HtmlErrorPage] = everywhere,
            [FaultKind.MalformedJson] = everywhere,
            [FaultKind.ExpireLoginSession] = everywhere,
            [FaultKind.BurstExhausted] = everywhere,
            [FaultKind.WrongMd5] = new[] { "first part", "middle part", "last part" },
        };
        return perKind.SelectMany(k => k.Value.Select(point => new object[] { k.Key, point }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_single_fault_is_survived_with_a_byte_identical_file(FaultKind kind, string point)
    {
        await using var h = await ReliabilityHarness.StartAsync();
        var local = h.LocalFile("f.bin", FileSize);
        var target = ReliabilityHarness.Folder + "/f.bin";
        h.Server.Faults.Add(Rule(kind, point, count: 1));

        var result = await h.UploadAsync(local, target);

        Assert.True(result.Status == UploadStatus.Staged, $"{kind} at {point}: {result.Status} {result.Error?.Message}");
        Assert.True(h.StagedIdentical(local, target));
        var resent = h.PartRequests() - PartCount;
        Assert.InRange(resent, 0, 1);
        Assert.Empty(h.Server.State.ActiveSessions); // nothing left holding one of the 50 slots (a duplicate create included)
        report.Add(Name(kind), point, "survived", corrupted: false, resent, h.AssertNoSecrets());
    }

    [Theory]
    [InlineData(FaultKind.DropConnection, "first part")]
    [InlineData(FaultKind.DropConnection, "middle part")]
    [InlineData(FaultKind.ResetBeforeResponse, "last part")]
    [InlineData(FaultKind.Http500, "middle part")]
    [InlineData(FaultKind.Http503, "last part")]
    [InlineData(FaultKind.HtmlErrorPage, "middle part")]
    [InlineData(FaultKind.WrongMd5, "middle part")]
    [InlineData(FaultKind.Http500, "commit")]
    [InlineData(FaultKind.DropConnection, "create session")]
    public async Task A_fault_that_outlasts_the_retries_is_reported_then_a_rerun_resumes(FaultKind kind, string point)
    {
        await using var h = await ReliabilityHarness.StartAsync();
        var local = h.LocalFile("f.bin", FileSize);
        var target = ReliabilityHarness.Folder + "/f.bin";
        h.Server.Faults.Add(Rule(kind, point, count: 0, retryAfterSeconds: 0));
        var options = h.Options();
        options.MaxPartAttempts = 2;

        var failed = await h.UploadAsync(local, target, options);

        Assert.Equal(UploadStatus.Failed, failed.Status);
        Assert.False(h.StagedIdentical(local, target));
        Assert.Contains("f.bin", failed.Error!.Message);
        if (point.EndsWith("part", StringComparison.Ordinal))
        {
            Assert.Contains(failed.Error.ErrorId, new[] { "PartUploadFailed", "PartVerificationFailed" });
            Assert.Contains($"part {PartNumber(point)} of {PartCount}", failed.Error.Message, StringComparison.OrdinalIgnoreCase);
        }

        h.Server.Faults.Clear();
        var held = HeldParts(h);
        var before = h.Server.Requests.Count;
        var resumed = await h.UploadAsync(local, target, options);

        Assert.Equal(UploadStatus.Staged, resumed.Status);
        Assert.True(h.StagedIdentical(local, target));
        var resent = h.Server.Requests.Skip(before).Count(r => r.Endpoint == EmulatorEndpoint.UploadPart && held.Contains(r.PartNumber ?? 0));
        Assert.InRange(resent, 0, 1);
        Assert.Empty(h.Server.State.ActiveSessions);
        report.Add(Name(kind) + " (persistent)", point, "resumed", corrupted: false, resent, h.AssertNoSecrets());
    }

    [Fact]
    public async Task A_job_that_ends_with_errors_is_reported_and_nothing_is_staged()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        var local = h.LocalFile("f.bin", FileSize);
        var target = ReliabilityHarness.Folder + "/f.bin";
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.JobFails, Endpoint = EmulatorEndpoint.Commit });

        var result = await h.UploadAsync(local, target);

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("JobFailed", result.Error!.ErrorId);
        Assert.True(h.StagedIntactOrAbsent(local, target));
        Assert.Empty(h.Server.State.ActiveSessions);
        report.Add("job-fails", "commit", "reported", corrupted: !h.StagedIntactOrAbsent(local, target), h.PartRequests() - PartCount, h.AssertNoSecrets());
    }

    [Fact]
    public async Task An_upload_session_purged_after_72_hours_mid_file_is_restarted_in_a_fresh_session()
    {
        var clock = new ManualClock();
        await using var h = await ReliabilityHarness.StartAsync(o => o.Clock = clock);
        var local = h.LocalFile("f.bin", FileSize);
        var target = ReliabilityHarness.Folder + "/f.bin";
        var advanced = false;
        var progress = new SyncProgress(p =>
        {
            if (!advanced && p.Stage == UploadStage.Uploading && p.PartsDone == 2)
            {
                advanced = true;
                clock.Advance(TimeSpan.FromHours(73)); // the session and the login session both die
            }
        });

        var result = await h.UploadAsync(local, target, progress: progress);

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.True(h.StagedIdentical(local, target));
        Assert.Contains(h.Log.Warnings, w => w.Contains("no longer exists on the server", StringComparison.Ordinal));
        Assert.Equal(2, h.Server.Requests.Count(r => r.Endpoint == EmulatorEndpoint.CreateSession && r.ResponseStatus == "SUCCESS"));
        report.Add("upload session expired (72 h)", "middle part", "survived", corrupted: false, h.PartRequests() - PartCount, h.AssertNoSecrets());
    }

    [Fact]
    public async Task At_the_session_cap_files_queue_for_a_slot_and_all_stage()
    {
        await using var h = await ReliabilityHarness.StartAsync(o => o.Limits.MaxActiveSessions = 2);
        var files = Enumerable.Range(1, 6).Select(i => h.LocalFile($"q{i}.bin", FileSize, seed: i)).ToList();
        var batch = new UploadBatch(h.Connection, h.Options(), maxParallelFiles: 6);
        var results = new List<UploadResult>();
        batch.FileCompleted += (_, r) => { lock (results) { results.Add(r); } };
        foreach (var file in files)
        {
            batch.Post(new UploadRequest(file, ReliabilityHarness.Folder + "/" + System.IO.Path.GetFileName(file)));
        }

        await batch.CompleteAsync();

        Assert.All(results, r => Assert.Equal(UploadStatus.Staged, r.Status));
        Assert.All(files, f => Assert.True(h.StagedIdentical(f, ReliabilityHarness.Folder + "/" + System.IO.Path.GetFileName(f))));
        Assert.Contains(h.Server.Requests, r => r.Endpoint == EmulatorEndpoint.CreateSession && r.ErrorType == "OPERATION_NOT_ALLOWED");
        Assert.Empty(h.Server.State.ActiveSessions);
        report.Add("50-session cap reached (cap 2, 6 files)", "create session", "survived", corrupted: false, h.PartRequests() - (PartCount * files.Count), h.AssertNoSecrets());
    }

    [Fact]
    public async Task A_cap_held_by_others_beyond_the_wait_is_reported_with_nothing_staged()
    {
        await using var h = await ReliabilityHarness.StartAsync(o => o.Limits.MaxActiveSessions = 1);
        var other = await Core.Connection.VaultConnection.ConnectAsync(new Core.Connection.VaultConnectionOptions
        {
            Server = h.Server.BaseUrl,
            Credential = new Core.Connection.VaultCredential("other", "other-pw"),
        });
        using (other)
        {
            await other.Staging.CreateSessionAsync("/held.bin", FileSize, overwrite: false);
        }

        var local = h.LocalFile("f.bin", FileSize);
        var options = h.Options();
        options.SessionSlotTimeout = TimeSpan.FromMilliseconds(300);

        var result = await h.UploadAsync(local, ReliabilityHarness.Folder + "/f.bin", options);

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("SessionLimitReached", result.Error!.ErrorId);
        Assert.Equal(0, h.PartRequests());
        report.Add("50-session cap held by others", "create session", "reported", corrupted: false, 0, h.AssertNoSecrets());
    }

    private static HashSet<int> HeldParts(ReliabilityHarness h)
        => h.Server.State.ActiveSessions.SelectMany(s => s.Parts.Select(p => p.Number)).ToHashSet();

    private static FaultRule Rule(FaultKind kind, string point, int count, int retryAfterSeconds = 1)
    {
        var rule = new FaultRule
        {
            Kind = kind,
            Count = count,
            Endpoint = point switch
            {
                "commit" => EmulatorEndpoint.Commit,
                "job poll" => EmulatorEndpoint.JobStatus,
                "create session" => EmulatorEndpoint.CreateSession,
                _ => EmulatorEndpoint.UploadPart,
            },
        };
        if (point.EndsWith("part", StringComparison.Ordinal))
        {
            rule.PartNumber = PartNumber(point);
        }

        if (kind == FaultKind.Http503)
        {
            rule.RetryAfterSeconds = retryAfterSeconds;
        }

        return rule;
    }

    private static int PartNumber(string point) => point switch
    {
        "first part" => 1,
        "middle part" => 2,
        _ => PartCount,
    };

    private static string Name(FaultKind kind) => kind.ToString();

    private sealed class SyncProgress : IProgress<UploadProgress>
    {
        private readonly Action<UploadProgress> report;

        public SyncProgress(Action<UploadProgress> report) => this.report = report;

        public void Report(UploadProgress value) => report(value);
    }
}
