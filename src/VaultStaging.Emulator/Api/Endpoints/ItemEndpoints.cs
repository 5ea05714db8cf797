using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator.Api.Endpoints;

/// <summary>List, create (folder / small file), delete, move-rename and download staging items.</summary>
internal sealed class ItemEndpoints(EmulatorContext emulator)
{
    private const string ListScope = "items";

    public Task<ApiResult> ListAsync(ApiRequest request)
    {
        var user = request.User;
        int limit = request.Limit();
        var cursor = request.Query("cursor");
        if (cursor is not null)
        {
            var (nextPage, nextCursor) = emulator.Cursors.Continue(cursor, ListScope, user.Id, limit);
            return Task.FromResult(PageResult(request, nextPage, nextCursor, limit));
        }

        if (request.Query("format_result") is { } format)
        {
            // Not emulated: CSV listings via a job.
            throw new VaultApiException(ErrorTypes.InvalidData, $"format_result={format} is not supported by the emulator.");
        }

        bool recursive = ApiRequest.ParseBool(request.Query("recursive"), "recursive");
        var path = PathRules.FromUrlSegments(request.Tail, user);
        var viewPath = PathRules.ToUserView(path, user);
        var item = emulator.Staging.Require(path, viewPath);

        var entries = new List<JsonNode>();
        if (item.IsFolder)
        {
            foreach (var (childPath, child) in emulator.Staging.List(emulator.Staging.PathOf(item), item, recursive))
            {
                entries.Add(Describe(childPath, child, user));
            }
        }
        else
        {
            // UNCONFIRMED: listing a file path answers with that one item.
            entries.Add(Describe(emulator.Staging.PathOf(item), item, user));
        }

        var (page, next) = emulator.Cursors.Start(ListScope, user.Id, entries, limit);
        return Task.FromResult(PageResult(request, page, next, limit));
    }

    public async Task<ApiResult> CreateAsync(ApiRequest request)
    {
        var user = request.User;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        string? contentFile = null;
        SpoolResult? content = null;
        try
        {
            (contentFile, content, string? partMd5) = await CreateItemForm.ReadAsync(request, form).ConfigureAwait(false);

            string kind = form.GetValueOrDefault("kind")
                ?? throw new VaultApiException(ErrorTypes.ParameterRequired, "Missing required parameter [kind].");
            var path = PathRules.FromUserText(form.GetValueOrDefault("path"), user, "path");
            var viewPath = PathRules.ToUserView(path, user);
            switch (kind)
            {
                case "folder":
                    emulator.Staging.CreateFolder(path);
                    return new JsonResult(Envelope.Success(new JsonObject
                    {
                        ["kind"] = "folder",
                        ["path"] = PathRules.ToUserView(path, user, folderSlash: true),
                        ["name"] = path.Name,
                    }));
                case "file":
                    if (content is not { } received)
                    {
                        throw new VaultApiException(ErrorTypes.ParameterRequired, "Missing required parameter [file].");
                    }

                    if (received.Overflowed)
                    {
                        // The docs name no error for this limit; EXCEEDS_FILE_MAX_SIZE is Vault's generic upload-size error.
                        throw new VaultApiException(
                            ErrorTypes.ExceedsFileMaxSize,
                            $"File is larger than {emulator.Limits.MaxSmallFileSize} bytes; use a resumable upload session.");
                    }

                    Md5Header.Verify(Md5Header.Parse(request.Http.Request.Headers["Content-MD5"]), received.Md5Hex);
                    Md5Header.Verify(partMd5, received.Md5Hex);
                    bool overwrite = ApiRequest.ParseBool(form.GetValueOrDefault("overwrite"), "overwrite");
                    emulator.Staging.PutFile(path, contentFile, received.Length, received.Md5Hex, overwrite);
                    contentFile = null;
                    return new JsonResult(Envelope.Success(new JsonObject
                    {
                        ["kind"] = "file",
                        ["path"] = viewPath,
                        ["name"] = path.Name,
                        ["size"] = received.Length,
                        ["file_content_md5"] = received.Md5Hex,
                    }));
                default:
                    throw new VaultApiException(ErrorTypes.InvalidData, "[kind] must be 'file' or 'folder'.");
            }
        }
        finally
        {
            DeleteQuietly(contentFile);
        }
    }

    public Task<ApiResult> DeleteAsync(ApiRequest request)
    {
        var user = request.User;
        var path = PathRules.FromUrlSegments(request.Tail, user);
        var viewPath = PathRules.ToUserView(path, user);
        bool recursive = ApiRequest.ParseBool(request.Query("recursive"), "recursive");
        lock (emulator.Gate)
        {
            emulator.Staging.CheckDelete(path, PathRules.ViewRoot(user), viewPath, recursive);
            var job = emulator.Jobs.Create(
                "delete",
                "DELETE",
                user,
                () =>
                {
                    emulator.Staging.Require(path, viewPath);
                    emulator.Staging.Delete(path);
                },
                cleanup: null,
                mustFail: request.Fault?.Kind == Faults.FaultKind.JobFails);
            return Task.FromResult(JobAccepted(request, job.Id));
        }
    }

    public async Task<ApiResult> UpdateAsync(ApiRequest request)
    {
        var user = request.User;
        var source = PathRules.FromUrlSegments(request.Tail, user);
        var sourceView = PathRules.ToUserView(source, user);
        var form = await request.ReadFormAsync().ConfigureAwait(false);
        string? parent = form["parent"].Count > 0 ? form["parent"].ToString() : null;
        string? name = form["name"].Count > 0 ? form["name"].ToString() : null;
        if (parent is null && name is null)
        {
            throw new VaultApiException(ErrorTypes.ParameterRequired, "Provide [parent], [name] or both.");
        }

        if (name is not null)
        {
            PathRules.ValidateName(name);
        }

        var targetParent = parent is not null ? PathRules.FromUserText(parent, user, "parent") : source.Parent;
        var target = targetParent.Append(name ?? source.Name);
        lock (emulator.Gate)
        {
            emulator.Staging.CheckMove(source, target, sourceView);
            var job = emulator.Jobs.Create(
                "update",
                "PUT",
                user,
                () =>
                {
                    emulator.Staging.CheckMove(source, target, sourceView);
                    emulator.Staging.Move(source, target);
                },
                cleanup: null,
                mustFail: request.Fault?.Kind == Faults.FaultKind.JobFails);
            return JobAccepted(request, job.Id);
        }
    }

    public Task<ApiResult> DownloadAsync(ApiRequest request)
    {
        var user = request.User;
        var path = PathRules.FromUrlSegments(request.Tail, user);
        var viewPath = PathRules.ToUserView(path, user);
        var item = emulator.Staging.Require(path, viewPath);
        if (item.IsFolder)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"[{viewPath}] is a folder; only files can be downloaded.");
        }

        if (emulator.Staging.DiscardContent)
        {
            throw new VaultApiException(ErrorTypes.OperationNotAllowed, "The emulator runs in discard-content mode; file content was not kept.");
        }

        string local = emulator.Staging.LocalPath(emulator.Staging.PathOf(item));
        long total = new FileInfo(local).Length;
        var range = ByteRange.Parse(request.Http.Request.Headers.Range, total, emulator.Limits.MaxDownloadRange);
        long first = range?.First ?? 0;
        long length = range is { } r ? r.Last - r.First + 1 : total;
        string name = item.Name;
        return Task.FromResult<ApiResult>(new FileResult(
            range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent,
            headers =>
            {
                headers.ContentType = "application/octet-stream;charset=UTF-8";
                headers.ContentDisposition = $"attachment;filename=\"{name.Replace("\"", string.Empty, StringComparison.Ordinal)}\"";
                headers.ContentLength = length;
                if (range is { } rr)
                {
                    headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {rr.First}-{rr.Last}/{total}");
                }
            },
            async (body, cancellationToken) =>
            {
                await using var input = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
                input.Seek(first, SeekOrigin.Begin);
                await CopyBytesAsync(input, body, length, cancellationToken).ConfigureAwait(false);
            }));
    }

    private static JsonNode Describe(StagingPath path, StagedItem item, EmulatorUser user)
    {
        var node = new JsonObject
        {
            ["kind"] = item.IsFolder ? "folder" : "file",
            ["path"] = PathRules.ToUserView(path, user),
            ["name"] = item.Name,
        };
        if (!item.IsFolder)
        {
            node["size"] = item.Size;
            node["modified_date"] = ApiRequest.FormatDate(item.Modified);
        }

        return node;
    }

    private static ApiResult PageResult(ApiRequest request, JsonArray page, string? nextCursor, int limit)
    {
        var body = Envelope.Success();
        if (nextCursor is not null)
        {
            body["responseDetails"] = new JsonObject
            {
                ["next_page"] = request.NextPageUrl("services/file_staging/items", nextCursor, limit),
            };
        }

        body["data"] = page;
        return new JsonResult(body);
    }

    private static ApiResult JobAccepted(ApiRequest request, long jobId) =>
        new JsonResult(Envelope.Success(new JsonObject { ["job_id"] = jobId, ["url"] = request.JobUrl(jobId) }));

    private static async Task CopyBytesAsync(Stream input, Stream output, long length, System.Threading.CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        while (length > 0)
        {
            int read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            length -= read;
        }
    }

    internal static void DeleteQuietly(string? file)
    {
        if (file is null)
        {
            return;
        }

        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
