using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class ResumableUploadTests
{
    [Fact]
    public async Task Step_by_step_attach_finds_the_resume_point_and_completes()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("s.bin", (4096 * 5) + 7);
        var options = TransferHarness.SessionOptions();
        options.ComputeFileMd5 = true;
        var started = await ResumableUpload.StartAsync(h.Connection, new UploadRequest(local, "/u1000/steps/s.bin"), options, resume: true);
        Assert.False(started.IsResumed);
        await started.SendPartAsync(1);
        await started.SendPartAsync(2);

        var attached = await ResumableUpload.AttachAsync(h.Connection, started.Session.Id, local, options);
        Assert.Equal("/u1000/steps/s.bin", attached.StagingPath);
        Assert.Equal(3, await attached.FindResumePointAsync());
        Assert.Equal(4, await attached.SendRemainingPartsAsync());
        Assert.Equal(RandomFile.Md5Of(local), attached.FileMd5);
        var jobId = await attached.CommitAsync();
        await h.Connection.Staging.WaitForJobAsync(jobId, System.TimeSpan.FromMilliseconds(10), System.TimeSpan.FromSeconds(30));

        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/steps/s.bin"));
    }

    [Fact]
    public async Task Attach_refuses_a_local_file_of_another_size()
    {
        await using var h = await TransferHarness.StartAsync();
        var options = TransferHarness.SessionOptions();
        var started = await ResumableUpload.StartAsync(h.Connection, new UploadRequest(h.LocalFile("a.bin", 5000), "/u1000/a.bin"), options, resume: false);

        var error = await Assert.ThrowsAsync<VaultStagingException>(
            () => ResumableUpload.AttachAsync(h.Connection, started.Session.Id, h.LocalFile("b.bin", 5001), options));

        Assert.Equal("SessionSizeMismatch", error.ErrorId);
        Assert.DoesNotContain(started.Session.Id, error.Message);
    }

    [Fact]
    public async Task Commit_refuses_an_incomplete_session()
    {
        await using var h = await TransferHarness.StartAsync();
        var upload = await ResumableUpload.StartAsync(
            h.Connection, new UploadRequest(h.LocalFile("a.bin", 5000), "/u1000/a.bin"), TransferHarness.SessionOptions(), resume: false);
        await upload.SendPartAsync(1);

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => upload.CommitAsync());

        Assert.Equal("SessionIncomplete", error.ErrorId);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.Commit));
    }

    [Fact]
    public async Task A_rerun_with_another_part_size_keeps_the_parts_of_the_earlier_layout()
    {
        await using var h = await TransferHarness.StartAsync();
        var local = h.LocalFile("p.bin", 4096 * 6);
        var request = new UploadRequest(local, "/u1000/layout/p.bin");
        var first = await ResumableUpload.StartAsync(h.Connection, request, TransferHarness.SessionOptions(partSize: 4096), resume: true);
        await first.SendPartAsync(1);
        await first.SendPartAsync(2);

        var before = h.Server.Requests.Count;
        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions(partSize: 8192)).UploadAsync(request);

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(6, result.Parts);
        Assert.Equal(4, result.PartsSent);
        Assert.Equal(0, h.CountRequests(EmulatorEndpoint.CreateSession, skip: before));
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/layout/p.bin"));
    }

    [Fact]
    public async Task Without_resume_a_new_session_is_created()
    {
        await using var h = await TransferHarness.StartAsync();
        var request = new UploadRequest(h.LocalFile("n.bin", 5000), "/u1000/n.bin");
        var options = TransferHarness.SessionOptions();
        var first = await ResumableUpload.StartAsync(h.Connection, request, options, resume: true);
        var second = await ResumableUpload.StartAsync(h.Connection, request, options, resume: false);
        var third = await ResumableUpload.StartAsync(h.Connection, request, options, resume: true);

        Assert.NotEqual(first.Session.Id, second.Session.Id);
        Assert.True(third.IsResumed);
        Assert.Contains(third.Session.Id, new[] { first.Session.Id, second.Session.Id });
        // Our other session for the same path and file could only hold a slot: it was aborted.
        Assert.Equal(third.Session.Id, Assert.Single(h.Server.State.ActiveSessions).Id);
    }
}
