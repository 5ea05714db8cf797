using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace VaultStaging.Tests.Emulator;

public sealed class ItemTests
{
    private const string Items = "services/file_staging/items";

    [Fact]
    public async Task Non_admin_root_is_their_home_and_admin_sees_the_real_root()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var alice = await h.LoginAsync("alice", "pw");
        var admin = await h.LoginAsync();

        var created = await h.UploadSmallFileAsync(alice, "/Reports/../x.txt", new byte[1]);
        created.AssertFailure("INVALID_DATA");
        (await h.CreateFolderAsync(alice, "/Reports")).AssertSuccess();
        var file = await h.UploadSmallFileAsync(alice, "/Reports/q1.txt", new byte[] { 1, 2, 3 });
        file.AssertSuccess();
        Assert.Equal("/Reports/q1.txt", file.Data!["path"]!.GetValue<string>());
        Assert.True(File.Exists(h.Server.GetLocalPath("/u1001/Reports/q1.txt")));

        var aliceRoot = await h.GetAsync(EmulatorHarness.Api(Items), alice);
        Assert.Equal(new[] { "/Inbox", "/Reports" }, aliceRoot.Data!.AsArray().Select(i => i!["path"]!.GetValue<string>()));

        var adminRoot = await h.GetAsync(EmulatorHarness.Api(Items + "/"), admin);
        Assert.Equal(new[] { "/u1000", "/u1001", "/u1002" }, adminRoot.Data!.AsArray().Select(i => i!["path"]!.GetValue<string>()));
        var adminView = await h.GetAsync(EmulatorHarness.Api(Items + "/u1001/Reports"), admin);
        Assert.Equal("/u1001/Reports/q1.txt", Assert.Single(adminView.Data!.AsArray())!["path"]!.GetValue<string>());

        // "/u1001/..." for a non-Admin is a folder named u1001 inside their own home, which does not exist.
        (await h.GetAsync(EmulatorHarness.Api(Items + "/u1001/Reports"), alice)).AssertFailure("INVALID_DATA");
        // An Admin writing "/Folder" creates it at the staging root, not in a home.
        (await h.CreateFolderAsync(admin, "/Shared")).AssertSuccess();
        Assert.True(h.Server.State.GetItem("/Shared")!.IsFolder);
    }

    [Fact]
    public async Task Folder_create_returns_trailing_slash_and_duplicates_fail()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var created = await h.CreateFolderAsync(session, "/u1000/Batch 1");
        created.AssertSuccess();
        Assert.Equal("folder", created.Data!["kind"]!.GetValue<string>());
        Assert.Equal("/u1000/Batch 1/", created.Data!["path"]!.GetValue<string>());
        Assert.Equal("Batch 1", created.Data!["name"]!.GetValue<string>());

        (await h.CreateFolderAsync(session, "/u1000/Batch 1")).AssertFailure("ITEM_NAME_EXISTS");
        (await h.CreateFolderAsync(session, "/u1000/batch 1")).AssertFailure("ITEM_NAME_EXISTS");
        (await h.CreateFolderAsync(session, "/u1000/missing/child")).AssertFailure("INVALID_DATA");
    }

    [Theory]
    [InlineData("/u1000/a:b")]
    [InlineData("/u1000/a*b")]
    [InlineData("/u1000/a?b")]
    [InlineData("/u1000/a\"b")]
    [InlineData("/u1000/a<b")]
    [InlineData("/u1000/a>b")]
    [InlineData("/u1000/a|b")]
    [InlineData("/u1000/a\\b")]
    [InlineData("/u1000/a\tb")]
    [InlineData("/u1000//b")]
    [InlineData("/u1000/./b")]
    [InlineData("/u1000/../u1001")]
    public async Task Unsafe_names_and_segments_are_rejected(string path)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.CreateFolderAsync(session, path)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Names_are_limited_to_218_utf8_bytes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.CreateFolderAsync(session, "/u1000/" + new string('a', 218))).AssertSuccess();
        (await h.CreateFolderAsync(session, "/u1000/" + new string('b', 219))).AssertFailure("INVALID_DATA");
        (await h.CreateFolderAsync(session, "/u1000/" + string.Concat(Enumerable.Repeat("é", 109)))).AssertSuccess();
        (await h.CreateFolderAsync(session, "/u1000/" + string.Concat(Enumerable.Repeat("è", 110)))).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Url_path_segments_are_percent_decoded_one_by_one()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.CreateFolderAsync(session, "/u1000/My Folder")).AssertSuccess();
        (await h.UploadSmallFileAsync(session, "/u1000/My Folder/a+b #1.txt", new byte[] { 42 })).AssertSuccess();

        var listed = await h.GetAsync(EmulatorHarness.Api(Items + "/u1000/My%20Folder"), session);
        listed.AssertSuccess();
        Assert.Equal("/u1000/My Folder/a+b #1.txt", Assert.Single(listed.Data!.AsArray())!["path"]!.GetValue<string>());
        var download = await h.GetAsync(EmulatorHarness.Api(Items + "/content/u1000/My%20Folder/a%2Bb%20%231.txt"), session);
        Assert.Equal(new byte[] { 42 }, await download.Message.Content.ReadAsByteArrayAsync());
        (await h.GetAsync(EmulatorHarness.Api(Items + "/u1000%2FMy%20Folder"), session)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Small_file_upload_returns_size_and_md5_and_respects_overwrite()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var content = EmulatorHarness.RandomBytes(5000);

        var created = await h.UploadSmallFileAsync(session, "/u1000/a.bin", content, contentMd5: EmulatorHarness.Md5Base64(content));
        created.AssertSuccess();
        Assert.Equal("file", created.Data!["kind"]!.GetValue<string>());
        Assert.Equal(5000, created.Data!["size"]!.GetValue<long>());
        Assert.Equal(EmulatorHarness.Md5Hex(content), created.Data!["file_content_md5"]!.GetValue<string>());

        var replacement = EmulatorHarness.RandomBytes(10, seed: 9);
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", replacement)).AssertFailure("ITEM_NAME_EXISTS");
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", replacement, overwrite: false)).AssertFailure("ITEM_NAME_EXISTS");
        Assert.Equal(content, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1000/a.bin")));
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", replacement, overwrite: true, contentMd5: EmulatorHarness.Md5Hex(replacement))).AssertSuccess();
        Assert.Equal(replacement, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1000/a.bin")));
        (await h.UploadSmallFileAsync(session, "/u1000/Inbox", replacement, overwrite: true)).AssertFailure("ITEM_NAME_EXISTS");
    }

    [Fact]
    public async Task Small_file_with_wrong_content_md5_is_not_stored()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var content = EmulatorHarness.RandomBytes(100);
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", content, contentMd5: EmulatorHarness.Md5Base64(new byte[1]))).AssertFailure("INVALID_DATA");
        Assert.Null(h.Server.State.GetItem("/u1000/a.bin"));
    }

    [Fact]
    public async Task Small_file_above_the_single_request_limit_is_rejected()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", new byte[10_001])).AssertFailure("EXCEEDS_FILE_MAX_SIZE");
        (await h.UploadSmallFileAsync(session, "/u1000/a.bin", new byte[10_000])).AssertSuccess();
        Assert.Empty(Directory.GetFiles(Path.Combine(h.Server.DataDirectory, "tmp")));
    }

    [Fact]
    public async Task Listing_pages_with_an_absolute_next_page_cursor_valid_30_minutes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.CreateFolderAsync(session, "/u1000/many")).AssertSuccess();
        for (int i = 0; i < 5; i++)
        {
            (await h.UploadSmallFileAsync(session, $"/u1000/many/f{i}.txt", new byte[i + 1])).AssertSuccess();
        }

        var first = await h.GetAsync(EmulatorHarness.Api(Items + "/u1000/many") + "?limit=2", session);
        first.AssertSuccess();
        Assert.Equal(new[] { "f0.txt", "f1.txt" }, first.Data!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        var entry = first.Data![0]!;
        Assert.Equal("file", entry["kind"]!.GetValue<string>());
        Assert.Equal(1, entry["size"]!.GetValue<long>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", entry["modified_date"]!.GetValue<string>());
        var next = first.Body!["responseDetails"]!["next_page"]!.GetValue<string>();
        Assert.StartsWith(h.Server.BaseUrl + "api/v25.2/services/file_staging/items?cursor=", next);
        Assert.DoesNotContain("many", next, StringComparison.Ordinal);

        var second = await h.GetAsync(next, session);
        Assert.Equal(new[] { "f2.txt", "f3.txt" }, second.Data!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        var third = await h.GetAsync(second.Body!["responseDetails"]!["next_page"]!.GetValue<string>(), session);
        Assert.Equal("f4.txt", Assert.Single(third.Data!.AsArray())!["name"]!.GetValue<string>());
        Assert.Null(third.Body!["responseDetails"]);

        var again = await h.GetAsync(EmulatorHarness.Api(Items + "/u1000/many") + "?limit=2", session);
        h.Clock.Advance(TimeSpan.FromMinutes(31));
        session = await h.LoginAsync();
        (await h.GetAsync(again.Body!["responseDetails"]!["next_page"]!.GetValue<string>(), session)).AssertFailure("INVALID_DATA");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("x")]
    public async Task List_limit_must_be_1_to_1000(string limit)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.GetAsync(EmulatorHarness.Api(Items) + "?limit=" + limit, session)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Listing_recursive_and_listing_a_file_path()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync("alice", "pw");
        (await h.CreateFolderAsync(session, "/A")).AssertSuccess();
        (await h.CreateFolderAsync(session, "/A/B")).AssertSuccess();
        (await h.UploadSmallFileAsync(session, "/A/B/c.txt", new byte[3])).AssertSuccess();

        var flat = await h.GetAsync(EmulatorHarness.Api(Items + "/A"), session);
        Assert.Equal(new[] { "/A/B" }, flat.Data!.AsArray().Select(i => i!["path"]!.GetValue<string>()));
        var deep = await h.GetAsync(EmulatorHarness.Api(Items + "/A") + "?recursive=true", session);
        Assert.Equal(new[] { "/A/B", "/A/B/c.txt" }, deep.Data!.AsArray().Select(i => i!["path"]!.GetValue<string>()));
        var single = await h.GetAsync(EmulatorHarness.Api(Items + "/A/B/c.txt"), session);
        Assert.Equal(3, Assert.Single(single.Data!.AsArray())!["size"]!.GetValue<long>());
        (await h.GetAsync(EmulatorHarness.Api(Items + "/A/nothing"), session)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Delete_is_a_job_and_non_empty_folders_need_recursive()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        (await h.CreateFolderAsync(session, "/u1000/D")).AssertSuccess();
        (await h.UploadSmallFileAsync(session, "/u1000/D/x.txt", new byte[1])).AssertSuccess();

        (await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Items + "/u1000/D"), session)).AssertFailure("OPERATION_NOT_ALLOWED");
        (await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Items + "/u1000"), session)).AssertFailure("OPERATION_NOT_ALLOWED");
        var deleted = await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Items + "/u1000/D") + "?recursive=true", session);
        deleted.AssertSuccess();
        long jobId = deleted.Data!["job_id"]!.GetValue<long>();
        Assert.Equal($"/api/v25.2/services/jobs/{jobId}", deleted.Data!["url"]!.GetValue<string>());
        Assert.Equal("SUCCESS", (await h.JobAsync(session, jobId)).Data!["status"]!.GetValue<string>());
        Assert.Null(h.Server.State.GetItem("/u1000/D"));
        Assert.False(Directory.Exists(h.Server.GetLocalPath("/u1000/D")));
        (await h.SendAsync(HttpMethod.Delete, EmulatorHarness.Api(Items + "/u1000/D"), session)).AssertFailure("INVALID_DATA");
    }

    [Fact]
    public async Task Update_moves_and_renames_through_a_job()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync("alice", "pw");
        (await h.CreateFolderAsync(session, "/From")).AssertSuccess();
        (await h.CreateFolderAsync(session, "/To")).AssertSuccess();
        (await h.UploadSmallFileAsync(session, "/From/a.txt", new byte[] { 7 })).AssertSuccess();
        (await h.UploadSmallFileAsync(session, "/To/taken.txt", new byte[] { 8 })).AssertSuccess();

        (await h.SendAsync(HttpMethod.Put, EmulatorHarness.Api(Items + "/From/a.txt"), session, EmulatorHarness.Form())).AssertFailure("PARAMETER_REQUIRED");
        (await h.SendAsync(HttpMethod.Put, EmulatorHarness.Api(Items + "/From/a.txt"), session, EmulatorHarness.Form(("parent", "/To"), ("name", "taken.txt")))).AssertFailure("ITEM_NAME_EXISTS");
        (await h.SendAsync(HttpMethod.Put, EmulatorHarness.Api(Items + "/From"), session, EmulatorHarness.Form(("parent", "/From")))).AssertFailure("INVALID_DATA");

        var moved = await h.SendAsync(HttpMethod.Put, EmulatorHarness.Api(Items + "/From/a.txt"), session, EmulatorHarness.Form(("parent", "/To"), ("name", "b.txt")));
        moved.AssertSuccess();
        Assert.Equal("SUCCESS", (await h.JobAsync(session, moved.Data!["job_id"]!.GetValue<long>())).Data!["status"]!.GetValue<string>());
        Assert.Equal(new byte[] { 7 }, await File.ReadAllBytesAsync(h.Server.GetLocalPath("/u1001/To/b.txt")));
        Assert.Null(h.Server.State.GetItem("/u1001/From/a.txt"));

        var renamed = await h.SendAsync(HttpMethod.Put, EmulatorHarness.Api(Items + "/To"), session, EmulatorHarness.Form(("name", "Renamed")));
        renamed.AssertSuccess();
        Assert.True(File.Exists(h.Server.GetLocalPath("/u1001/Renamed/b.txt")));
    }

    [Fact]
    public async Task Download_returns_bytes_and_supports_ranges_up_to_the_limit()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.MaxDownloadRange = 1000);
        var session = await h.LoginAsync();
        var content = EmulatorHarness.RandomBytes(3000);
        (await h.UploadSmallFileAsync(session, "/u1000/d.bin", content)).AssertSuccess();
        string url = EmulatorHarness.Api(Items + "/content/u1000/d.bin");

        var whole = await h.GetAsync(url, session);
        Assert.Equal(HttpStatusCode.OK, whole.Message.StatusCode);
        Assert.Equal("application/octet-stream", whole.Message.Content.Headers.ContentType!.MediaType);
        Assert.Equal("d.bin", whole.Message.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(content, await whole.Message.Content.ReadAsByteArrayAsync());

        var part = await h.SendAsync(HttpMethod.Get, url, session, configure: r => r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 1099));
        Assert.Equal(HttpStatusCode.PartialContent, part.Message.StatusCode);
        Assert.Equal("bytes 100-1099/3000", part.Message.Content.Headers.ContentRange!.ToString());
        Assert.Equal(content[100..1100], await part.Message.Content.ReadAsByteArrayAsync());

        var tooBig = await h.SendAsync(HttpMethod.Get, url, session, configure: r => r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 1000));
        tooBig.AssertFailure("INVALID_DATA");
        (await h.GetAsync(EmulatorHarness.Api(Items + "/content/u1000"), session)).AssertFailure("INVALID_DATA");
        (await h.GetAsync(EmulatorHarness.Api(Items + "/content/u1000/none.bin"), session)).AssertFailure("INVALID_DATA");
    }
}
