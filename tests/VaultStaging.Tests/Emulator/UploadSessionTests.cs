using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace VaultStaging.Tests.Emulator;

/// <summary>Resumable upload sessions and jobs; limits are 1 KiB..4 KiB parts unless a test says otherwise.</summary>
public sealed class UploadSessionTests
{
    private const string Upload = "services/file_staging/upload";

    [Fact]
    public async Task Happy_path_parts_commit_job_success_file_byte_identical()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var content = EmulatorHarness.RandomBytes(3 * 2048 + 500);

        var create = await h.CreateSessionRawAsync(session, "/u1000/big.bin", content.Length);
        create.AssertSuccess();
        var data = create.Data!;
        var id = data["id"]!.GetValue<string>();
        Assert.Equal("/u1000/big.bin", data["path"]!.GetValue<string>());
        Assert.Equal("big.bin", data["name"]!.GetValue<string>());
        Assert.Equal(content.Length, data["size"]!.GetValue<long>());
        Assert.Equal(0, data["uploaded"]!.GetValue<long>());
        Assert.Equal(0, data["uploaded_parts"]!.GetValue<int>());
        Assert.Equal(1000, data["owner"]!.GetValue<long>());
        Assert.False(data["overwrite"]!.GetValue<bool>());
        var created = DateTimeOffset.Parse(data["created_date"]!.GetValue<string>());
        Assert.Equal(created.AddHours(72), DateTimeOffset.Parse(data["expiration_date"]!.GetValue<string>()));

        for (int i = 0; i < 4; i++)
        {
            var part = content.AsSpan(i * 2048, Math.Min(2048, content.Length - (i * 2048))).ToArray();
            var response = await h.UploadPartAsync(session, id, i + 1, part, EmulatorHarness.Md5Base64(part));
            response.AssertSuccess();
            Assert.Equal(part.Length, response.Data!["size"]!.GetValue<long>());
            Assert.Equal(i + 1, response.Data!["part_number"]!.GetValue<int>());
            Assert.Equal(EmulatorHarness.Md5Hex(part), response.Data!["part_content_md5"]!.GetValue<string>());
        }

        var details = await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id), session);
        details.AssertSuccess();
        Assert.Equal(content.Length, details.Data!["uploaded"]!.GetValue<long>());
        Assert.Equal(4, details.Data!["uploaded_parts"]!.GetValue<int>());

        var commit = await h.CommitAsync(session, id);
        commit.AssertSuccess();
        long jobId = commit.Data!["job_id"]!.GetValue<long>();
        var job = await h.JobAsync(session, jobId);
        job.AssertSuccess();
        Assert.Equal("SUCCESS", job.Data!["status"]!.GetValue<string>());
        Assert.Equal(jobId, job.Data!["id"]!.GetValue<long>());
        Assert.Equal("POST", job.Data!["method"]!.GetValue<string>());
        Assert.Equal(1000, job.Data!["created_by"]!.GetValue<long>());
        Assert.Equal("self", job.Data!["links"]![0]!["rel"]!.GetValue<string>());

        Assert.Equal(content, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1000/big.bin")));
        var committed = Assert.Single(h.Server.State.CommittedFiles);
        Assert.Equal(EmulatorHarness.Md5Hex(content), committed.Md5);
        Assert.Empty(h.Server.State.ActiveSessions);
        Assert.Empty(Directory.GetDirectories(Path.Combine(h.Server.DataDirectory, "sessions")));
        (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id), session)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Real_five_MiB_minimum_applies_with_default_limits()
    {
        await using var h = await EmulatorHarness.StartAsync(smallLimits: false);
        var session = await h.LoginAsync();
        const int MiB5 = 5 * 1024 * 1024;
        var content = EmulatorHarness.RandomBytes(MiB5 + 1000);
        var id = await h.CreateSessionAsync(session, "/u1000/five.bin", content.Length);

        (await h.UploadPartAsync(session, id, 1, content[..(MiB5 - 1)])).AssertFailure("INVALID_DATA");
        (await h.UploadPartAsync(session, id, 1, content[..MiB5])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 2, content[MiB5..])).AssertSuccess();
        (await h.CommitAsync(session, id)).AssertSuccess();
        Assert.Equal(content, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1000/five.bin")));
    }

    [Fact]
    public async Task Part_smaller_than_the_minimum_is_rejected_unless_it_is_the_last()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 1023 + 1024);

        (await h.UploadPartAsync(session, id, 1, new byte[1023])).AssertFailure("INVALID_DATA");

        var small = await h.CreateSessionAsync(session, "/u1000/small.bin", 100);
        (await h.UploadPartAsync(session, small, 1, new byte[100])).AssertSuccess();
        (await h.CommitAsync(session, small)).AssertSuccess();
    }

    [Fact]
    public async Task Oversize_part_is_rejected()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 10_000);

        (await h.UploadPartAsync(session, id, 1, new byte[4097])).AssertFailure("INVALID_DATA");
        (await h.UploadPartAsync(session, id, 1, new byte[4096])).AssertSuccess();
    }

    [Fact]
    public async Task Non_last_parts_must_have_equal_sizes_and_the_last_may_not_be_larger()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 2048 + 3000 + 2048);

        (await h.UploadPartAsync(session, id, 1, new byte[2048])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 2, new byte[3000])).AssertFailure("INVALID_DATA");

        var other = await h.CreateSessionAsync(session, "/u1000/b.bin", 2048 + 3000);
        (await h.UploadPartAsync(session, other, 1, new byte[2048])).AssertSuccess();
        (await h.UploadPartAsync(session, other, 2, new byte[3000])).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Parts_beyond_the_declared_size_are_rejected()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 3000);

        (await h.UploadPartAsync(session, id, 1, new byte[2048])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 2, new byte[2048])).AssertFailure("INVALID_DATA");
        (await h.UploadPartAsync(session, id, 2, new byte[952])).AssertSuccess();
    }

    [Fact]
    public async Task Parts_must_arrive_in_order_and_resending_overwrites()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var content = EmulatorHarness.RandomBytes(3 * 1024);
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", content.Length);

        (await h.UploadPartAsync(session, id, 2, content[1024..2048])).AssertFailure("OPERATION_NOT_ALLOWED");
        (await h.UploadPartAsync(session, id, 1, new byte[1024])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 3, content[2048..])).AssertFailure("OPERATION_NOT_ALLOWED");
        var first = await h.UploadPartAsync(session, id, 1, content[..1024]);
        first.AssertSuccess();
        Assert.Equal(EmulatorHarness.Md5Hex(content[..1024]), first.Data!["part_content_md5"]!.GetValue<string>());
        (await h.UploadPartAsync(session, id, 2, content[1024..2048])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 3, content[2048..])).AssertSuccess();

        var parts = Assert.Single(h.Server.State.ActiveSessions).Parts;
        Assert.Equal(EmulatorHarness.Md5Hex(content[..1024]), parts[0].Md5);
        long jobId = (await h.CommitAsync(session, id)).Data!["job_id"]!.GetValue<long>();
        Assert.Equal("SUCCESS", (await h.JobAsync(session, jobId)).Data!["status"]!.GetValue<string>());
        Assert.Equal(content, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1000/a.bin")));
    }

    [Theory]
    [InlineData("0", "INVALID_DATA")]
    [InlineData("2001", "INVALID_DATA")]
    [InlineData("abc", "INVALID_DATA")]
    [InlineData(null, "PARAMETER_REQUIRED")]
    public async Task Part_number_must_be_within_1_to_max_parts(string? number, string errorType)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 5000);

        var response = await h.SendAsync(
            HttpMethod.Put,
            EmulatorHarness.Api(Upload + "/" + id),
            session,
            new ByteArrayContent(new byte[1024]),
            r =>
            {
                if (number is not null)
                {
                    r.Headers.Add("X-VaultAPI-FilePartNumber", number);
                }
            });
        response.AssertFailure(errorType);
    }

    [Fact]
    public async Task Version_26_2_raises_the_part_limits()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.MaxParts = 3);
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 10 * 1024);
        for (int i = 1; i <= 3; i++)
        {
            (await h.UploadPartAsync(session, id, i, new byte[1024])).AssertSuccess();
        }

        (await h.UploadPartAsync(session, id, 4, new byte[1024])).AssertFailure("INVALID_DATA");
        (await h.UploadPartAsync(session, id, 4, new byte[1024], version: "v26.2")).AssertSuccess();
    }

    [Fact]
    public async Task Only_the_owner_may_upload_and_commit_but_admins_may_read_and_abort()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var alice = await h.LoginAsync("alice", "pw");
        var bob = await h.LoginAsync("bob", "pw");
        var admin = await h.LoginAsync();
        var id = await h.CreateSessionAsync(alice, "/a.bin", 2048);

        (await h.UploadPartAsync(bob, id, 1, new byte[1024])).AssertFailure("INSUFFICIENT_ACCESS");
        (await h.UploadPartAsync(admin, id, 1, new byte[1024])).AssertFailure("INSUFFICIENT_ACCESS");
        (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id), bob)).AssertFailure("INSUFFICIENT_ACCESS");
        (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id + "/parts"), bob)).AssertFailure("INSUFFICIENT_ACCESS");
        (await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Upload + "/" + id), bob)).AssertFailure("INSUFFICIENT_ACCESS");

        (await h.UploadPartAsync(alice, id, 1, new byte[1024])).AssertSuccess();
        (await h.UploadPartAsync(alice, id, 2, new byte[1024])).AssertSuccess();
        (await h.CommitAsync(admin, id)).AssertFailure("INSUFFICIENT_ACCESS");

        var asAdmin = await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id), admin);
        asAdmin.AssertSuccess();
        Assert.Equal("/u1001/a.bin", asAdmin.Data!["path"]!.GetValue<string>());
        Assert.Equal("/a.bin", (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id), alice)).Data!["path"]!.GetValue<string>());

        var abort = await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Upload + "/" + id), admin);
        abort.AssertSuccess();
        Assert.Null(abort.Body!["data"]);
        Assert.Empty(h.Server.State.ActiveSessions);
        (await h.UploadPartAsync(alice, id, 1, new byte[1024])).AssertFailure("INVALID_DATA");
    }

    [Theory]
    [InlineData("base64")]
    [InlineData("hex")]
    public async Task Content_md5_must_match_when_sent(string encoding)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var part = EmulatorHarness.RandomBytes(1024);
        var other = EmulatorHarness.RandomBytes(1024, seed: 2);
        string Encode(byte[] b) => encoding == "hex" ? EmulatorHarness.Md5Hex(b) : EmulatorHarness.Md5Base64(b);
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 2048);

        (await h.UploadPartAsync(session, id, 1, part, Encode(other))).AssertFailure("INVALID_DATA");
        Assert.Empty(Assert.Single(h.Server.State.ActiveSessions).Parts);
        (await h.UploadPartAsync(session, id, 1, part, "not-an-md5")).AssertFailure("INVALID_DATA");
        (await h.UploadPartAsync(session, id, 1, part, Encode(part))).AssertSuccess();
    }

    [Fact]
    public async Task Commit_requires_every_byte_of_the_declared_size()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 3000);

        (await h.CommitAsync(session, id)).AssertFailure("OPERATION_NOT_ALLOWED");
        (await h.UploadPartAsync(session, id, 1, new byte[2048])).AssertSuccess();
        (await h.CommitAsync(session, id)).AssertFailure("OPERATION_NOT_ALLOWED");
        Assert.Single(h.Server.State.ActiveSessions);
        (await h.UploadPartAsync(session, id, 2, new byte[952])).AssertSuccess();
        (await h.CommitAsync(session, id)).AssertSuccess();
    }

    [Fact]
    public async Task Active_session_cap_is_vault_wide()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.MaxActiveSessions = 3);
        var alice = await h.LoginAsync("alice", "pw");
        var bob = await h.LoginAsync("bob", "pw");
        await h.CreateSessionAsync(alice, "/1.bin", 10);
        await h.CreateSessionAsync(alice, "/2.bin", 10);
        var third = await h.CreateSessionAsync(bob, "/3.bin", 10);

        (await h.CreateSessionRawAsync(bob, "/4.bin", 10)).AssertFailure("OPERATION_NOT_ALLOWED");
        (await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Upload + "/" + third), bob)).AssertSuccess();
        await h.CreateSessionAsync(bob, "/4.bin", 10);
    }

    [Fact]
    public async Task Session_expires_72_hours_after_creation_even_with_uploads_and_is_purged()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.LoginIdleTimeout = TimeSpan.FromDays(10));
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 3000);
        h.Clock.Advance(TimeSpan.FromHours(71));
        session = await h.LoginAsync(); // the login itself is capped at 48 h
        (await h.UploadPartAsync(session, id, 1, new byte[2048])).AssertSuccess();
        var sessionDirectory = Path.Combine(h.Server.DataDirectory, "sessions");
        Assert.Single(Directory.GetDirectories(sessionDirectory));

        h.Clock.Advance(TimeSpan.FromHours(1));
        session = await h.LoginAsync();
        (await h.UploadPartAsync(session, id, 2, new byte[952])).AssertFailure("INVALID_DATA");
        (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id), session)).AssertFailure("INVALID_DATA");
        (await h.CommitAsync(session, id)).AssertFailure("INVALID_DATA");
        var list = await h.GetAsync(EmulatorHarness.Api(Upload), session);
        Assert.Empty(list.Data!.AsArray());
        Assert.Empty(Directory.GetDirectories(sessionDirectory));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("500000000001")]
    [InlineData("12x")]
    public async Task Session_size_must_be_positive_and_at_most_500_GB(string size)
    {
        await using var h = await EmulatorHarness.StartAsync(smallLimits: false);
        var session = await h.LoginAsync();
        var response = await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api(Upload), session, EmulatorHarness.Form(("path", "/u1000/a.bin"), ("size", size)));
        response.AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Session_requires_path_and_size()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api(Upload), session, EmulatorHarness.Form(("size", "10")))).AssertFailure("PARAMETER_REQUIRED");
        (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api(Upload), session, EmulatorHarness.Form(("path", "/u1000/a")))).AssertFailure("PARAMETER_REQUIRED");
    }

    [Fact]
    public async Task Session_for_an_existing_file_needs_overwrite_and_a_missing_parent_fails()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", new byte[10])).AssertSuccess();

        (await h.CreateSessionRawAsync(session, "/u1000/a.bin", 10)).AssertFailure("ITEM_NAME_EXISTS");
        (await h.CreateSessionRawAsync(session, "/u1000/Inbox", 10, overwrite: true)).AssertFailure("ITEM_NAME_EXISTS");
        (await h.CreateSessionRawAsync(session, "/u1000/missing/a.bin", 10)).AssertFailure("INVALID_DATA");

        var content = EmulatorHarness.RandomBytes(1500);
        long jobId = await h.UploadFileAsync(session, "/u1000/a.bin", content, 1024, overwrite: true);
        Assert.Equal("SUCCESS", (await h.JobAsync(session, jobId)).Data!["status"]!.GetValue<string>());
        Assert.Equal(content, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1000/a.bin")));
    }

    [Fact]
    public async Task Path_without_leading_slash_is_normalised()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync("alice", "pw");
        var create = await h.CreateSessionRawAsync(session, "a.bin", 10);
        create.AssertSuccess();
        Assert.Equal("/a.bin", create.Data!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_sessions_admin_sees_all_others_their_own_with_paging()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var alice = await h.LoginAsync("alice", "pw");
        var bob = await h.LoginAsync("bob", "pw");
        var admin = await h.LoginAsync();
        for (int i = 0; i < 3; i++)
        {
            await h.CreateSessionAsync(alice, $"/a{i}.bin", 10);
        }

        await h.CreateSessionAsync(bob, "/b.bin", 10);

        Assert.Equal(3, (await h.GetAsync(EmulatorHarness.Api(Upload), alice)).Data!.AsArray().Count);
        Assert.Single((await h.GetAsync(EmulatorHarness.Api(Upload), bob)).Data!.AsArray());

        var page = await h.GetAsync(EmulatorHarness.Api(Upload) + "?limit=3", admin);
        Assert.Equal(3, page.Data!.AsArray().Count);
        var next = page.Body!["responseDetails"]!["next_page"]!.GetValue<string>();
        Assert.StartsWith(h.Server.BaseUrl + "api/v25.2/services/file_staging/upload?", next);
        var rest = await h.GetAsync(next, admin);
        rest.AssertSuccess();
        Assert.Equal("/u1002/b.bin", Assert.Single(rest.Data!.AsArray())!["path"]!.GetValue<string>());
        Assert.Null(rest.Body!["responseDetails"]);
    }

    [Fact]
    public async Task Listing_parts_pages_with_next_page()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 5 * 1024);
        for (int i = 1; i <= 5; i++)
        {
            (await h.UploadPartAsync(session, id, i, EmulatorHarness.RandomBytes(1024, i))).AssertSuccess();
        }

        var numbers = new System.Collections.Generic.List<int>();
        string? url = EmulatorHarness.Api(Upload + "/" + id + "/parts") + "?limit=2";
        while (url is not null)
        {
            var page = await h.GetAsync(url, session);
            page.AssertSuccess();
            Assert.True(page.Data!.AsArray().Count <= 2);
            foreach (var part in page.Data!.AsArray())
            {
                numbers.Add(part!["part_number"]!.GetValue<int>());
                Assert.Equal(EmulatorHarness.Md5Hex(EmulatorHarness.RandomBytes(1024, part["part_number"]!.GetValue<int>())), part["part_content_md5"]!.GetValue<string>());
            }

            url = page.Body!["responseDetails"]?["next_page"]?.GetValue<string>();
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, numbers);
        (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id + "/parts") + "?limit=0", session)).AssertFailure("INVALID_DATA");
        (await h.GetAsync(EmulatorHarness.Api(Upload + "/" + id + "/parts") + "?limit=1001", session)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Job_status_may_be_polled_once_per_interval_per_job()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.JobPollInterval = TimeSpan.FromSeconds(10));
        var session = await h.LoginAsync();
        long first = await h.UploadFileAsync(session, "/u1000/a.bin", new byte[10], 1024);
        long second = await h.UploadFileAsync(session, "/u1000/b.bin", new byte[10], 1024);

        (await h.JobAsync(session, first)).AssertSuccess();
        (await h.JobAsync(session, second)).AssertSuccess();
        h.Clock.Advance(TimeSpan.FromSeconds(9));
        (await h.JobAsync(session, first)).AssertFailure("API_LIMIT_EXCEEDED");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await h.JobAsync(session, first)).AssertSuccess();
        (await h.JobAsync(session, 999_999)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task File_appears_only_when_the_job_finishes_after_the_job_duration()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.JobDuration = TimeSpan.FromMinutes(2));
        var session = await h.LoginAsync();
        long jobId = await h.UploadFileAsync(session, "/u1000/late.bin", new byte[100], 1024);

        Assert.Equal("QUEUED", (await h.JobAsync(session, jobId)).Data!["status"]!.GetValue<string>());
        Assert.Null(h.Server.State.GetItem("/u1000/late.bin"));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("RUNNING", (await h.JobAsync(session, jobId)).Data!["status"]!.GetValue<string>());
        var listing = await h.GetAsync(EmulatorHarness.Api("services/file_staging/items/u1000"), session);
        Assert.DoesNotContain(listing.Data!.AsArray(), i => i!["name"]!.GetValue<string>() == "late.bin");

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var done = await h.JobAsync(session, jobId);
        Assert.Equal("SUCCESS", done.Data!["status"]!.GetValue<string>());
        Assert.NotNull(done.Data!["run_end_date"]);
        Assert.Equal(100, h.Server.State.GetItem("/u1000/late.bin")!.Size);
    }

    [Fact]
    public async Task Discard_content_mode_answers_part_md5s_keeps_the_size_and_writes_nothing()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.DiscardContent = true);
        var session = await h.LoginAsync();
        var content = EmulatorHarness.RandomBytes(4000);
        var id = await h.CreateSessionAsync(session, "/u1000/bench.bin", content.Length);
        (await h.UploadPartAsync(session, id, 1, content[..1024])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 2, content[1024..2048])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 2, content[1024..2048])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 3, content[2048..3072])).AssertSuccess();
        (await h.UploadPartAsync(session, id, 4, content[3072..])).AssertSuccess();
        (await h.CommitAsync(session, id)).AssertSuccess();

        var item = h.Server.State.GetItem("/u1000/bench.bin")!;
        Assert.Equal(content.Length, item.Size);
        Assert.Null(item.Md5);
        Assert.False(File.Exists(h.Server.GetLocalPath("/u1000/bench.bin")));
        Assert.Empty(Directory.GetFiles(h.Server.DataDirectory, "*", SearchOption.AllDirectories));
        (await h.GetAsync(EmulatorHarness.Api("services/file_staging/items/content/u1000/bench.bin"), session)).AssertFailure("OPERATION_NOT_ALLOWED");
    }

    [Fact]
    public async Task Sessions_of_different_files_upload_in_parallel()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var files = Enumerable.Range(0, 6).Select(i => EmulatorHarness.RandomBytes(4 * 1024 + i, seed: i)).ToArray();

        var jobs = await Task.WhenAll(files.Select((content, i) => h.UploadFileAsync(session, $"/u1000/p{i}.bin", content, 1024)));

        foreach (var (content, i) in files.Select((c, i) => (c, i)))
        {
            Assert.Equal("SUCCESS", (await h.JobAsync(session, jobs[i])).Data!["status"]!.GetValue<string>());
            Assert.Equal(content, await File.ReadAllBytesAsync(h.Server.GetLocalPath($"/u1000/p{i}.bin")));
        }
    }

    [Fact]
    public async Task A_given_data_directory_is_kept_and_reloaded()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emulator-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await EmulatorHarness.StartAsync(o => o.DataDirectory = directory))
            {
                var session = await first.LoginAsync();
                (await first.UploadSmallFileAsync(session, "/u1000/kept.txt", new byte[] { 1, 2 })).AssertSuccess();
                Assert.Equal(Path.Combine(directory, "staging", "u1000", "kept.txt"), first.Server.GetLocalPath("/u1000/kept.txt"));
            }

            Assert.True(File.Exists(Path.Combine(directory, "staging", "u1000", "kept.txt")));
            await using var second = await EmulatorHarness.StartAsync(o => o.DataDirectory = directory);
            var listed = await second.GetAsync(EmulatorHarness.Api("services/file_staging/items/u1000/kept.txt"), await second.LoginAsync());
            Assert.Equal(2, Assert.Single(listed.Data!.AsArray())!["size"]!.GetValue<long>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
