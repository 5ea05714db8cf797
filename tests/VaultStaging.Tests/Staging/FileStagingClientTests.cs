using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Staging;
using VaultStaging.Emulator.Faults;
using VaultStaging.Tests.Connection;
using Xunit;

namespace VaultStaging.Tests.Staging;

public sealed class FileStagingClientTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Folders_are_created_found_and_listed_with_paging()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var staging = connection.Staging;
        staging.PageSize = 2;

        var created = await staging.CreateFolderAsync("/u1000/top");
        await staging.EnsureFolderAsync("/u1000/top/a b/c#1/d%2");
        await staging.EnsureFolderAsync("/u1000/top/a b/c#1/d%2");
        await staging.EnsureFolderAsync("/u1000/top/ünï");
        for (var i = 0; i < 3; i++)
        {
            await staging.CreateFolderAsync("/u1000/top/f" + i);
        }

        Assert.Equal(StagingItemKind.Folder, created.Kind);
        Assert.Equal("/u1000/top", created.Path);
        var top = await staging.ListItemsAsync("/u1000/top");
        Assert.Equal(new[] { "a b", "f0", "f1", "f2", "ünï" }, top.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        var all = await staging.ListItemsAsync("/u1000/top", recursive: true);
        Assert.Contains(all, i => i.Path == "/u1000/top/a b/c#1/d%2" && i.Kind == StagingItemKind.Folder);
        Assert.Equal(7, all.Count);
        Assert.True(server.Count(EmulatorEndpoint.ListItems) >= 6);

        var folder = await staging.GetItemAsync("/u1000/top/a b/c#1");
        Assert.NotNull(folder);
        Assert.Equal(StagingItemKind.Folder, folder!.Kind);
        Assert.Equal("c#1", folder.Name);
        Assert.Null(await staging.GetItemAsync("/u1000/top/missing"));
        Assert.Null(await staging.GetItemAsync("/u1000/nowhere/missing"));
    }

    [Fact]
    public async Task Small_file_upload_round_trips_and_is_verified()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var staging = connection.Staging;
        var content = Bytes(5000, 7);
        await staging.EnsureFolderAsync("/u1000/small");

        using var stream = new MemoryStream(content);
        var item = await staging.UploadFileAsync("/u1000/small/file one.txt", stream, content.Length, MD5.HashData(content), overwrite: false);

        Assert.Equal(StagingItemKind.File, item.Kind);
        Assert.Equal(5000, item.Size);
        Assert.Equal(Convert.ToHexString(MD5.HashData(content)).ToLowerInvariant(), item.ContentMd5);
        var found = await staging.GetItemAsync("/u1000/small/file one.txt");
        Assert.Equal(StagingItemKind.File, found!.Kind);
        Assert.Equal(5000, found.Size);
        using var downloaded = new MemoryStream();
        await staging.DownloadAsync("/u1000/small/file one.txt", downloaded);
        Assert.Equal(content, downloaded.ToArray());
        Assert.Equal(content, File.ReadAllBytes(server.GetLocalPath("/u1000/small/file one.txt")));
    }

    [Fact]
    public async Task Small_file_upload_survives_a_dropped_connection()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var content = Bytes(3000, 8);
        server.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Endpoint = EmulatorEndpoint.CreateItem });

        using var stream = new MemoryStream(content);
        var item = await connection.Staging.UploadFileAsync("/u1000/retry.bin", stream, content.Length, MD5.HashData(content), overwrite: true);

        Assert.Equal(3000, item.Size);
        Assert.Equal(content, File.ReadAllBytes(server.GetLocalPath("/u1000/retry.bin")));
    }

    [Fact]
    public async Task A_wrong_md5_from_the_server_fails_verification()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var content = Bytes(2000, 9);
        server.Faults.Add(new FaultRule { Kind = FaultKind.WrongMd5, Endpoint = EmulatorEndpoint.CreateItem });

        using var stream = new MemoryStream(content);
        var error = await Assert.ThrowsAsync<VaultStagingException>(
            () => connection.Staging.UploadFileAsync("/u1000/bad.bin", stream, content.Length, MD5.HashData(content), overwrite: false));

        Assert.Equal("UploadVerificationFailed", error.ErrorId);
        Assert.Equal(VaultErrorCategory.InvalidData, error.Category);
        Assert.Equal("/u1000/bad.bin", error.Target);
    }

    [Fact]
    public async Task Resumable_session_round_trips()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var staging = connection.Staging;
        staging.PageSize = 2;
        var content = Bytes(1024 * 4 + 100, 10);

        var session = await staging.CreateSessionAsync("/u1000/big.bin", content.Length, overwrite: false);
        Assert.Equal("/u1000/big.bin", session.Path);
        Assert.Equal(content.Length, session.Size);
        Assert.NotNull(session.ExpirationDate);
        for (var part = 0; part * 1024 < content.Length; part++)
        {
            var slice = new ArraySegment<byte>(content, part * 1024, Math.Min(1024, content.Length - (part * 1024)));
            var uploaded = await staging.UploadPartAsync(session.Id, part + 1, slice, MD5.HashData(slice.ToArray()));
            Assert.Equal(slice.Count, uploaded.Size);
        }

        var parts = await staging.ListPartsAsync(session.Id);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, parts.Select(p => p.PartNumber));
        Assert.Equal(Convert.ToHexString(MD5.HashData(content.AsSpan(4096, 100))).ToLowerInvariant(), parts[4].Md5);
        var details = await staging.GetSessionAsync(session.Id);
        Assert.Equal(content.Length, details.Uploaded);
        Assert.Equal(5, details.UploadedParts);
        Assert.Contains(await staging.ListSessionsAsync(), s => s.Id == session.Id);

        var jobId = await staging.CommitSessionAsync(session.Id);
        var job = await staging.WaitForJobAsync(jobId, Poll, JobTimeout);

        Assert.True(job.IsSucceeded);
        Assert.Equal(jobId, job.Id);
        Assert.Equal(content, File.ReadAllBytes(server.GetLocalPath("/u1000/big.bin")));
        Assert.DoesNotContain(await staging.ListSessionsAsync(), s => s.Id == session.Id);
    }

    [Fact]
    public async Task Sessions_are_listed_across_pages()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var staging = connection.Staging;
        staging.PageSize = 2;
        for (var i = 0; i < 5; i++)
        {
            await staging.CreateSessionAsync("/u1000/s" + i + ".bin", 4096, overwrite: false);
        }

        var sessions = await staging.ListSessionsAsync();

        Assert.Equal(5, sessions.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_wrong_part_md5_from_the_server_names_the_part()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var session = await connection.Staging.CreateSessionAsync("/u1000/p.bin", 2048, overwrite: false);
        server.Faults.Add(new FaultRule { Kind = FaultKind.WrongMd5, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 1 });
        var part = Bytes(1024, 11);

        var error = await Assert.ThrowsAsync<VaultStagingException>(
            () => connection.Staging.UploadPartAsync(session.Id, 1, new ArraySegment<byte>(part), MD5.HashData(part)));

        Assert.Equal("PartVerificationFailed", error.ErrorId);
        Assert.Equal(VaultErrorCategory.InvalidData, error.Category);
        Assert.Contains("part 1", error.Message);
    }

    [Fact]
    public async Task Aborted_sessions_disappear()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var session = await connection.Staging.CreateSessionAsync("/u1000/abort.bin", 2048, overwrite: false);

        await connection.Staging.AbortSessionAsync(session.Id);

        Assert.Empty(await connection.Staging.ListSessionsAsync());
        await Assert.ThrowsAsync<VaultApiException>(() => connection.Staging.GetSessionAsync(session.Id));
    }

    [Fact]
    public async Task Move_rename_and_delete_run_as_jobs()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        var staging = connection.Staging;
        var content = Bytes(100, 12);
        await staging.EnsureFolderAsync("/u1000/from");
        await staging.EnsureFolderAsync("/u1000/to");
        using (var stream = new MemoryStream(content))
        {
            await staging.UploadFileAsync("/u1000/from/a.txt", stream, content.Length, MD5.HashData(content), overwrite: false);
        }

        var moveJob = await staging.MoveItemAsync("/u1000/from/a.txt", "/u1000/to", "b.txt");
        await staging.WaitForJobAsync(moveJob, Poll, JobTimeout);
        Assert.Null(await staging.GetItemAsync("/u1000/from/a.txt"));
        Assert.Equal(100, (await staging.GetItemAsync("/u1000/to/b.txt"))!.Size);

        var deleteJob = await staging.DeleteItemAsync("/u1000/to", recursive: true);
        await staging.WaitForJobAsync(deleteJob, Poll, JobTimeout);
        Assert.Null(await staging.GetItemAsync("/u1000/to"));
    }

    [Fact]
    public async Task Downloading_a_missing_file_is_a_vault_error()
    {
        await using var server = await EmulatorConnections.StartAsync();
        using var connection = await EmulatorConnections.ConnectAsync(server);
        using var destination = new MemoryStream();

        var error = await Assert.ThrowsAsync<VaultApiException>(() => connection.Staging.DownloadAsync("/u1000/none.txt", destination));

        Assert.Equal(VaultErrorTypes.InvalidData, error.VaultErrorType);
        Assert.Equal(0, destination.Length);
    }
}
