using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Sessions;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator.Api.Endpoints;

/// <summary>Resumable upload sessions: create, upload part, commit, list, details, parts, abort.</summary>
internal sealed class UploadEndpoints(EmulatorContext emulator)
{
    private const string SessionsScope = "sessions";

    public async Task<ApiResult> CreateAsync(ApiRequest request)
    {
        var user = request.User;
        var form = await request.ReadFormAsync().ConfigureAwait(false);
        var path = PathRules.FromUserText(form["path"].Count > 0 ? form["path"].ToString() : null, user, "path");
        if (form["size"].Count == 0)
        {
            throw new VaultApiException(ErrorTypes.ParameterRequired, "Missing required parameter [size].");
        }

        if (!long.TryParse(form["size"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long size) || size <= 0)
        {
            // UNCONFIRMED: strict reading, an empty file cannot be uploaded through a session.
            throw new VaultApiException(ErrorTypes.InvalidData, "[size] must be a positive number of bytes.");
        }

        if (size > emulator.Limits.MaxFileSize)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"[size] exceeds the maximum file size of {emulator.Limits.MaxFileSize} bytes.");
        }

        bool overwrite = ApiRequest.ParseBool(form["overwrite"].Count > 0 ? form["overwrite"].ToString() : null, "overwrite");
        UploadSession session;
        lock (emulator.Gate)
        {
            // UNCONFIRMED: strict reading, an existing target without overwrite=true fails here, at create time.
            emulator.Staging.CheckFileTarget(path, overwrite);
            session = emulator.Sessions.Create(path, user, size, overwrite);
        }

        var data = Describe(session, user);
        data["overwrite"] = overwrite;
        return new JsonResult(Envelope.Success(data));
    }

    public async Task<ApiResult> UploadPartAsync(ApiRequest request)
    {
        var http = request.Http;
        var user = request.User;
        UploadSession session;
        int number;
        string? expectedMd5;
        long maxPartSize = emulator.MaxPartSize(request.Version);
        try
        {
            session = emulator.Sessions.Get(request.Tail[0]);
            if (session.Owner.Id != user.Id)
            {
                throw new VaultApiException(ErrorTypes.InsufficientAccess, "Only the user who created the upload session may upload parts to it.");
            }

            number = PartRules.ParsePartNumber(http.Request.Headers["X-VaultAPI-FilePartNumber"], (int)emulator.MaxParts(request.Version));
            expectedMd5 = Md5Header.Parse(http.Request.Headers["Content-MD5"]);
            lock (emulator.Gate)
            {
                if (session.Committing)
                {
                    throw new VaultApiException(ErrorTypes.OperationInProgress, "The upload session is being committed.");
                }

                PartRules.CheckOrder(session, number);
                session.InFlight.Add(number);
            }
        }
        catch (VaultApiException)
        {
            // Answer after consuming the body so the client reads our envelope instead of a reset.
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
            throw;
        }

        string? tempFile = emulator.Staging.DiscardContent ? null : Path.Combine(session.Directory, $"incoming-{number}-{Guid.NewGuid():N}");
        try
        {
            var received = await BodySpooler.SpoolAsync(http.Request.BodyReader, tempFile, maxPartSize, http.RequestAborted).ConfigureAwait(false);
            if (received.Overflowed)
            {
                throw new VaultApiException(ErrorTypes.InvalidData, $"Part {number} is {received.Length} bytes; the maximum part size is {maxPartSize} bytes.");
            }

            Md5Header.Verify(expectedMd5, received.Md5Hex);
            lock (emulator.Gate)
            {
                emulator.Sessions.Get(session.Id);
                PartRules.CheckSize(session, number, received.Length, emulator.Limits.MinPartSize, maxPartSize);
                string? finalPath = null;
                if (tempFile is not null)
                {
                    finalPath = Path.Combine(session.Directory, "part-" + number.ToString("D5", CultureInfo.InvariantCulture));
                    File.Move(tempFile, finalPath, overwrite: true);
                    tempFile = null;
                }

                session.StorePart(new PartRecord(number, received.Length, received.Md5Hex, finalPath));
                session.LastUploaded = emulator.Clock.GetUtcNow();
            }

            return new JsonResult(Envelope.Success(new JsonObject
            {
                ["size"] = received.Length,
                ["part_number"] = number,
                ["part_content_md5"] = received.Md5Hex,
            }));
        }
        finally
        {
            lock (emulator.Gate)
            {
                session.InFlight.Remove(number);
            }

            ItemEndpoints.DeleteQuietly(tempFile);
        }
    }

    public async Task<ApiResult> CommitAsync(ApiRequest request)
    {
        var user = request.User;
        var session = emulator.Sessions.Get(request.Tail[0]);
        if (session.Owner.Id != user.Id)
        {
            // Strict reading: only the owner uploads, so only the owner commits.
            throw new VaultApiException(ErrorTypes.InsufficientAccess, "Only the user who created the upload session may commit it.");
        }

        PartRecord[] parts;
        lock (emulator.Gate)
        {
            if (session.Committing || session.InFlight.Count > 0)
            {
                throw new VaultApiException(ErrorTypes.OperationInProgress, "A part upload or commit is still running on this session.");
            }

            long uploaded = session.Uploaded;
            if (session.Parts.Count == 0 || uploaded != session.Size)
            {
                // UNCONFIRMED error type for committing an incomplete session.
                throw new VaultApiException(
                    ErrorTypes.OperationNotAllowed,
                    $"The session has {uploaded} of {session.Size} bytes in {session.Parts.Count} parts; upload every part before committing.");
            }

            emulator.Staging.CheckFileTarget(session.Target, session.Overwrite);
            session.Committing = true;
            parts = session.Parts.ToArray();
        }

        string? assembled = null;
        string? md5;
        try
        {
            if (emulator.Staging.DiscardContent)
            {
                // The bytes are gone, so the whole file's MD5 is unknown: each part was hashed once, as Vault answers it.
                md5 = null;
            }
            else
            {
                assembled = emulator.NewTempFile();
                md5 = await PartAssembler.AssembleAsync(parts, assembled, request.Http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch
        {
            lock (emulator.Gate)
            {
                session.Committing = false;
            }

            ItemEndpoints.DeleteQuietly(assembled);
            throw;
        }

        lock (emulator.Gate)
        {
            emulator.Sessions.Remove(session);
            var committedBy = user;
            var recordedSize = request.Fault?.Kind == FaultKind.ShortFile ? session.Size - 1 : session.Size;
            var job = emulator.Jobs.Create(
                "commit",
                "POST",
                user,
                () =>
                {
                    emulator.Staging.PutFile(session.Target, assembled, recordedSize, md5, session.Overwrite);
                    assembled = null;
                    emulator.RecordCommit(session.Target, session.Size, md5, committedBy.Id);
                },
                () => ItemEndpoints.DeleteQuietly(assembled),
                mustFail: request.Fault?.Kind == FaultKind.JobFails);
            return new JsonResult(Envelope.Success(new JsonObject { ["job_id"] = job.Id }));
        }
    }

    public Task<ApiResult> ListAsync(ApiRequest request)
    {
        var user = request.User;
        int limit = request.Limit();
        var cursor = request.Query("cursor");
        if (cursor is not null)
        {
            var (nextPage, nextCursor) = emulator.Cursors.Continue(cursor, SessionsScope, user.Id, limit);
            return Task.FromResult(PageResult(request, "services/file_staging/upload", nextPage, nextCursor, limit));
        }

        var sessions = emulator.Sessions.All().Where(s => user.IsAdmin || s.Owner.Id == user.Id);
        var entries = new List<JsonNode>();
        lock (emulator.Gate)
        {
            entries.AddRange(sessions.Select(s => (JsonNode)Describe(s, user)));
        }

        var (page, next) = emulator.Cursors.Start(SessionsScope, user.Id, entries, limit);
        return Task.FromResult(PageResult(request, "services/file_staging/upload", page, next, limit));
    }

    public Task<ApiResult> GetAsync(ApiRequest request)
    {
        var session = Accessible(request);
        lock (emulator.Gate)
        {
            return Task.FromResult<ApiResult>(new JsonResult(Envelope.Success(Describe(session, request.User))));
        }
    }

    public Task<ApiResult> ListPartsAsync(ApiRequest request)
    {
        var user = request.User;
        var session = Accessible(request);
        string scope = "parts:" + session.Id;
        string relative = "services/file_staging/upload/" + Uri.EscapeDataString(session.Id) + "/parts";
        int limit = request.Limit();
        var cursor = request.Query("cursor");
        if (cursor is not null)
        {
            var (nextPage, nextCursor) = emulator.Cursors.Continue(cursor, scope, user.Id, limit);
            return Task.FromResult(PageResult(request, relative, nextPage, nextCursor, limit));
        }

        var entries = new List<JsonNode>();
        lock (emulator.Gate)
        {
            foreach (var part in session.Parts)
            {
                entries.Add(new JsonObject
                {
                    ["size"] = part.Size,
                    ["part_number"] = part.Number,
                    ["part_content_md5"] = part.Md5Hex,
                });
            }
        }

        var (page, next) = emulator.Cursors.Start(scope, user.Id, entries, limit);
        return Task.FromResult(PageResult(request, relative, page, next, limit));
    }

    public Task<ApiResult> AbortAsync(ApiRequest request)
    {
        var session = Accessible(request);
        lock (emulator.Gate)
        {
            if (session.Committing)
            {
                throw new VaultApiException(ErrorTypes.OperationInProgress, "The upload session is being committed.");
            }

            emulator.Sessions.Remove(session);
        }

        return Task.FromResult<ApiResult>(new JsonResult(new JsonObject { ["responseStatus"] = "SUCCESS" }));
    }

    /// <summary>The session named in the URL, if the caller owns it or is an Admin.</summary>
    private UploadSession Accessible(ApiRequest request)
    {
        var session = emulator.Sessions.Get(request.Tail[0]);
        if (!request.User.IsAdmin && session.Owner.Id != request.User.Id)
        {
            throw new VaultApiException(ErrorTypes.InsufficientAccess, "This upload session belongs to another user.");
        }

        return session;
    }

    private static JsonObject Describe(UploadSession session, EmulatorUser viewer) => new()
    {
        ["id"] = session.Id,
        ["path"] = PathRules.ToUserView(session.Target, viewer.IsAdmin ? viewer : session.Owner),
        ["name"] = session.Target.Name,
        ["size"] = session.Size,
        ["uploaded"] = session.Uploaded,
        ["uploaded_parts"] = session.Parts.Count,
        ["owner"] = session.Owner.Id,
        ["created_date"] = ApiRequest.FormatDate(session.Created),
        ["last_uploaded_date"] = ApiRequest.FormatDate(session.LastUploaded),
        ["expiration_date"] = ApiRequest.FormatDate(session.Expires),
    };

    private static ApiResult PageResult(ApiRequest request, string relativePath, JsonArray page, string? nextCursor, int limit)
    {
        var body = Envelope.Success();
        if (nextCursor is not null)
        {
            body["responseDetails"] = new JsonObject { ["next_page"] = request.NextPageUrl(relativePath, nextCursor, limit) };
        }

        body["data"] = page;
        return new JsonResult(body);
    }
}
