using System;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Recording;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

/// <summary>
/// Missing destination folders cost as few round trips as the API allows: a folder's own listing (its files need
/// it anyway), then creates, with no listing of the folders above it.
/// </summary>
public sealed class FolderCreationTests
{
    [Fact]
    public async Task A_new_folder_under_an_existing_one_costs_its_listing_and_its_create()
    {
        await using var h = await TransferHarness.StartAsync();
        await h.Connection.Staging.EnsureFolderAsync("/u1000/nightly");
        var before = h.Server.Requests.Count;

        var result = await Uploader(h).UploadAsync(new UploadRequest(h.LocalFile("a.txt", 10), "/u1000/nightly/2026-12-02/a.txt"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(
            new[] { "list /u1000/nightly/2026-12-02", "create", "create" },
            Calls(h, before));
    }

    [Fact]
    public async Task Two_new_levels_are_found_by_the_create_not_by_listing_upwards()
    {
        await using var h = await TransferHarness.StartAsync();
        var before = h.Server.Requests.Count;

        var result = await Uploader(h).UploadAsync(new UploadRequest(h.LocalFile("a.txt", 10), "/u1000/run/small/a.txt"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(RandomFile.Md5Of(result.LocalPath), h.StagedMd5("/u1000/run/small/a.txt"));
        Assert.Equal(
            new[]
            {
                "list /u1000/run/small",
                "create failed", // small: its parent is missing, so create run, then small again, then the file
                "create",
                "create",
                "create",
            },
            Calls(h, before));
    }

    [Fact]
    public async Task Below_a_folder_this_batch_created_nothing_is_listed()
    {
        await using var h = await TransferHarness.StartAsync();
        await h.Connection.Staging.EnsureFolderAsync("/u1000/tree");
        var uploader = Uploader(h);
        await uploader.UploadAsync(new UploadRequest(h.LocalFile("x.txt", 10), "/u1000/tree/a/x.txt"));
        var before = h.Server.Requests.Count;

        var result = await uploader.UploadAsync(new UploadRequest(h.LocalFile("y.txt", 10), "/u1000/tree/a/b/y.txt"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(new[] { "create", "create" }, Calls(h, before));
    }

    [Theory]
    [InlineData("/u1000/in-the-way.txt/f.txt")] // the folder itself is a file
    [InlineData("/u1000/in-the-way.txt/sub/f.txt")] // a folder above it is
    public async Task A_file_where_a_folder_must_go_fails_the_upload_saying_so(string target)
    {
        await using var h = await TransferHarness.StartAsync();
        var uploader = Uploader(h);
        await uploader.UploadAsync(new UploadRequest(h.LocalFile("in-the-way.txt", 10), "/u1000/in-the-way.txt"));

        var result = await uploader.UploadAsync(new UploadRequest(h.LocalFile("f.txt", 10, seed: 2), target));

        Assert.Equal(UploadStatus.Failed, result.Status);
        var error = Assert.IsType<VaultStagingException>(result.Error);
        Assert.Equal(VaultErrorIds.StagingPathIsFile, error.ErrorId);
        Assert.Contains("/u1000/in-the-way.txt", error.Message);
    }

    private static FileUploader Uploader(TransferHarness h) => new(h.Connection, TransferHarness.SessionOptions());

    /// <summary>The requests since <paramref name="skip"/>, as "list PATH" and "create[ failed]" (a folder or a file).</summary>
    private static string[] Calls(TransferHarness h, int skip)
        => h.Server.Requests.Skip(skip).Select(Describe).ToArray();

    private static string Describe(RecordedRequest r) => r.Endpoint switch
    {
        EmulatorEndpoint.ListItems => string.Concat("list ", r.Path.AsSpan(r.Path.IndexOf("/items", StringComparison.Ordinal) + "/items".Length)),
        EmulatorEndpoint.CreateItem => r.ResponseStatus == "SUCCESS" ? "create" : "create failed",
        _ => r.Endpoint.ToString(),
    };
}
