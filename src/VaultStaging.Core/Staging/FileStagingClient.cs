using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Http;
using VaultStaging.Core.Json;

namespace VaultStaging.Core.Staging;

/// <summary>
/// The file staging endpoints (https://general.veevavault.dev/vault-api/api-reference/26.2/file-staging/), one method each, paging followed.
/// Paths are absolute staging paths as the connected user addresses them.
/// </summary>
public sealed class FileStagingClient
{
    /// <summary>The error a single-request upload throws when the server's size or MD5 of the file is not ours.</summary>

    private const string ItemsPath = "services/file_staging/items";
    private const string UploadPath = "services/file_staging/upload";
    private static readonly char[] Slash = { '/' };

    private readonly VaultHttpPipeline pipeline;

    internal FileStagingClient(VaultHttpPipeline pipeline)
    {
        this.pipeline = pipeline;
        Jobs = new JobPoller(this, pipeline.Log, pipeline.Time);
    }

    /// <summary>Follows every job this connection waits for, one read at a time.</summary>
    internal JobPoller Jobs { get; }

    /// <summary>The list <c>limit</c> sent with list calls; null leaves the server's default (1000).</summary>
    internal int? PageSize { get; set; }

    /// <summary>Lists a folder (or the one file at a file path); follows next_page.</summary>
    public async Task<IReadOnlyList<StagingItem>> ListItemsAsync(string path, bool recursive = false, CancellationToken cancellationToken = default)
    {
        var query = Query(("recursive", recursive ? "true" : null), ("limit", PageSize?.ToString(CultureInfo.InvariantCulture)));
        var items = new List<StagingItem>();
        foreach (var dto in await GetAllPagesAsync(ItemUri(path) + query, VaultJsonContext.Default.DataEnvelopeDtoListItemDto, cancellationToken).ConfigureAwait(false))
        {
            items.Add(ToItem(dto));
        }

        return items;
    }

    /// <summary>The item at a path, or null when nothing is there.</summary>
    public async Task<StagingItem?> GetItemAsync(string path, CancellationToken cancellationToken = default)
    {
        var normalized = "/" + path.Trim('/');
        if (normalized == "/")
        {
            return new StagingItem { Kind = StagingItemKind.Folder, Path = "/", Name = "" };
        }

        // Listing a file path returns that file; listing a folder returns its children (one is enough).
        var request = new VaultRequest(HttpMethod.Get, pipeline.Api(ItemUri(path) + "?limit=1"));
        DataEnvelopeDto<List<ItemDto>> page;
        try
        {
            page = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoListItemDto, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException missing) when (missing.VaultErrorType is VaultErrorTypes.InvalidData or VaultErrorTypes.MalformedUrl)
        {
            return null;
        }

        if (page.Data is { Count: 1 } data && data[0].Kind == "file" && SamePath(data[0].Path, normalized))
        {
            return ToItem(data[0]);
        }

        return new StagingItem { Kind = StagingItemKind.Folder, Path = normalized, Name = NameOf(normalized) };
    }

    public async Task<StagingItem> CreateFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        var request = new VaultRequest(HttpMethod.Post, pipeline.Api(ItemsPath))
        {
            ContentFactory = () => new MultipartFormDataContent
            {
                { new StringContent("folder"), "kind" },
                { new StringContent(path), "path" },
            },
        };
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoItemDto, cancellationToken).ConfigureAwait(false);
        return ToItem(Require(response.Data, request));
    }

    /// <summary>Creates the folder and any missing ancestors; existing ones are fine.</summary>
    public async Task EnsureFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        var segments = path.Split(Slash, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return;
        }

        // Walk up to the deepest folder that exists, then create downwards.
        var existing = segments.Length;
        while (existing > 0)
        {
            var item = await GetItemAsync(Join(segments, existing), cancellationToken).ConfigureAwait(false);
            if (item is not null)
            {
                if (item.Kind == StagingItemKind.File)
                {
                    throw new VaultStagingException(
                        VaultErrorIds.StagingPathIsFile,
                        VaultErrorCategory.InvalidArgument,
                        $"Cannot create folder {path}: {item.Path} is a file.")
                    {
                        Target = path,
                    };
                }

                break;
            }

            existing--;
        }

        for (var depth = existing + 1; depth <= segments.Length; depth++)
        {
            try
            {
                await CreateFolderAsync(Join(segments, depth), cancellationToken).ConfigureAwait(false);
            }
            catch (VaultApiException exists) when (exists.VaultErrorType == VaultErrorTypes.ItemNameExists)
            {
                // Created meanwhile by a parallel upload: fine.
            }
        }
    }

    /// <summary>Single-request upload (at most 50 MB). Verifies the returned size and MD5.</summary>
    public async Task<StagingItem> UploadFileAsync(string path, Stream content, long length, byte[] md5, bool overwrite, CancellationToken cancellationToken = default)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        RequireMd5(md5);
        var start = content.CanSeek ? content.Position : 0;
        var sent = false;
        var request = new VaultRequest(HttpMethod.Post, pipeline.Api(ItemsPath))
        {
            Detail = "file " + path + ", " + ByteSize.Format(length),
            Replayable = content.CanSeek,
            ContentFactory = () =>
            {
                if (sent)
                {
                    content.Position = start;
                }

                sent = true;
                var file = new StreamContent(new BoundedReadStream(content, length));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                file.Headers.ContentLength = length;
                var form = new MultipartFormDataContent
                {
                    { new StringContent("file"), "kind" },
                    { new StringContent(path), "path" },
                    { new StringContent(overwrite ? "true" : "false"), "overwrite" },
                    { file, "file", NameOf(path) },
                };
                form.Headers.ContentMD5 = md5;
                return form;
            },
        };
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoItemDto, cancellationToken).ConfigureAwait(false);
        var item = Require(response.Data, request);
        var expectedMd5 = Hex(md5);
        if (item.Size != length || !string.Equals(item.FileContentMd5, expectedMd5, StringComparison.OrdinalIgnoreCase))
        {
            throw new VaultStagingException(
                VaultErrorIds.UploadVerificationFailed,
                VaultErrorCategory.InvalidData,
                $"Vault stored {path} as {item.Size?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes with MD5 {item.FileContentMd5 ?? "(none)"}, but {length} bytes with MD5 {expectedMd5} were sent; upload the file again.")
            {
                Target = path,
            };
        }

        return ToItem(item);
    }

    public async Task<long> DeleteItemAsync(string path, bool recursive = false, CancellationToken cancellationToken = default)
    {
        var request = new VaultRequest(HttpMethod.Delete, pipeline.Api(ItemUri(path) + Query(("recursive", recursive ? "true" : null))));
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoJobRefDto, cancellationToken).ConfigureAwait(false);
        return Require(response.Data, request).JobId;
    }

    /// <summary>Moves and/or renames; returns the job id.</summary>
    public async Task<long> MoveItemAsync(string path, string? newParent, string? newName, CancellationToken cancellationToken = default)
    {
        if (newParent is null && newName is null)
        {
            throw new ArgumentException("Give a new parent folder, a new name, or both.", nameof(newParent));
        }

        var fields = new List<KeyValuePair<string, string>>();
        if (newParent is not null)
        {
            fields.Add(new KeyValuePair<string, string>("parent", newParent));
        }

        if (newName is not null)
        {
            fields.Add(new KeyValuePair<string, string>("name", newName));
        }

        var request = new VaultRequest(HttpMethod.Put, pipeline.Api(ItemUri(path)))
        {
            ContentFactory = () => new FormUrlEncodedContent(fields),
        };
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoJobRefDto, cancellationToken).ConfigureAwait(false);
        return Require(response.Data, request).JobId;
    }

    public Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken = default)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        var start = destination.CanSeek ? destination.Position : 0;
        var request = new VaultRequest(HttpMethod.Get, pipeline.Api("services/file_staging/items/content/" + EncodePath(path)))
        {
            StreamsResponse = true,
            Detail = "download " + path,
        };
        return pipeline.SendAsync(
            request,
            async (response, context, token) =>
            {
                var mediaType = context.MediaType ?? "";
                if (mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 || context.HttpStatus != 200)
                {
                    var body = await VaultHttpPipeline.ReadBodyAsync(response, token).ConfigureAwait(false);
                    ResponseEnvelopeReader.Read(body, context, VaultJsonContext.Default.EnvelopeDto, pipeline.Redactor);
                    throw ResponseEnvelopeReader.NotAnEnvelope(context, "a JSON envelope instead of the file content");
                }

                if (destination.CanSeek)
                {
                    destination.Position = start;
                    destination.SetLength(start);
                }
                else
                {
                    // Bytes already written cannot be taken back: no retry once the copy has begun.
                    request.Replayable = false;
                }

                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await stream.CopyToAsync(destination, 81920, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Downloads bytes <paramref name="first"/>..<paramref name="last"/> (inclusive; at most the documented 50 MB per range)
    /// into <paramref name="destination"/> at its current position, streaming (memory stays flat). A retried attempt
    /// rewinds the destination first. <paramref name="onBytes"/> is called with the bytes written so far in this range.
    /// Returns the bytes written and the file's total size as the server's Content-Range states it.
    /// </summary>
    public Task<DownloadedRange> DownloadRangeAsync(string path, long first, long last, Stream destination, Action<long>? onBytes = null, CancellationToken cancellationToken = default)
    {
        if (destination is null || !destination.CanSeek)
        {
            throw new ArgumentException("A ranged download needs a seekable destination.", nameof(destination));
        }

        if (first < 0 || last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, "The range must be first <= last, both from 0.");
        }

        var start = destination.Position;
        var range = "bytes=" + first.ToString(CultureInfo.InvariantCulture) + "-" + last.ToString(CultureInfo.InvariantCulture);
        var request = new VaultRequest(HttpMethod.Get, pipeline.Api("services/file_staging/items/content/" + EncodePath(path)))
        {
            StreamsResponse = true,
            Detail = "download " + path + " " + range,
            Headers = new Dictionary<string, string> { ["Range"] = range },
        };
        return pipeline.SendAsync(
            request,
            async (response, context, token) =>
            {
                var mediaType = context.MediaType ?? "";
                if (mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 || (context.HttpStatus != 200 && context.HttpStatus != 206))
                {
                    var body = await VaultHttpPipeline.ReadBodyAsync(response, token).ConfigureAwait(false);
                    ResponseEnvelopeReader.Read(body, context, VaultJsonContext.Default.EnvelopeDto, pipeline.Redactor);
                    throw ResponseEnvelopeReader.NotAnEnvelope(context, "a JSON envelope instead of the file content");
                }

                long expected;
                long total;
                var contentRange = response.Content.Headers.ContentRange;
                if (context.HttpStatus == 206 && contentRange is { HasRange: true, From: { } from, To: { } to })
                {
                    if (from != first || to > last || to < from)
                    {
                        throw RangeNotHonored(path, range, $"the server sent bytes {from}-{to}");
                    }

                    expected = to - from + 1;
                    total = contentRange.Length ?? -1;
                }
                else if (context.HttpStatus == 200 && first == 0 && response.Content.Headers.ContentLength is { } whole && whole <= last + 1)
                {
                    // The whole file instead of a range that covers it: usable as it is (a larger one is refused, so memory and disk stay bounded).
                    expected = whole;
                    total = whole;
                }
                else
                {
                    throw RangeNotHonored(path, range, "the answer had no usable Content-Range");
                }

                destination.Position = start;
                destination.SetLength(start);
                long written = 0;
                var buffer = new byte[81920];
                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    int read;
                    while (written < expected && (read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, expected - written), token).ConfigureAwait(false)) > 0)
                    {
                        await pipeline.PaceReadAsync(read, token).ConfigureAwait(false);
                        await destination.WriteAsync(buffer, 0, read, token).ConfigureAwait(false);
                        written += read;
                        onBytes?.Invoke(written);
                    }
                }

                if (written != expected)
                {
                    // A short body is a broken transfer: retried like one.
                    throw new IOException($"the download of {path} ({range}) ended after {written} of {expected} bytes");
                }

                return new DownloadedRange(written, total);
            },
            cancellationToken);
    }

    private static VaultStagingException RangeNotHonored(string path, string range, string what) => new(
        VaultErrorIds.RangeNotHonored,
        VaultErrorCategory.ProtocolError,
        $"Vault did not answer the ranged download of {path} ({range}) as asked: {what}. Try again; if it persists, download the file with a fresh start (delete the partial file).")
    {
        Target = path,
    };

    public async Task<UploadSessionInfo> CreateSessionAsync(string path, long size, bool overwrite, CancellationToken cancellationToken = default)
        => (await CreateSessionReportingRetriesAsync(path, size, overwrite, cancellationToken).ConfigureAwait(false)).Session;

    /// <summary>As <see cref="CreateSessionAsync"/>; <c>Retried</c> says an earlier attempt may have created a session too.</summary>
    internal async Task<(UploadSessionInfo Session, bool Retried)> CreateSessionReportingRetriesAsync(string path, long size, bool overwrite, CancellationToken cancellationToken)
    {
        var request = new VaultRequest(HttpMethod.Post, pipeline.Api(UploadPath))
        {
            Detail = path + ", " + ByteSize.Format(size),
            ContentFactory = () => new FormUrlEncodedContent(new[]
            {
                new KeyValuePair<string, string>("path", path),
                new KeyValuePair<string, string>("size", size.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("overwrite", overwrite ? "true" : "false"),
            }),
        };
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoUploadSessionDto, cancellationToken).ConfigureAwait(false);
        return (ToSession(Require(response.Data, request)), request.Retried);
    }

    /// <summary>PUTs one part with Content-MD5 and verifies the returned size and part_content_md5.</summary>
    public Task<UploadedPart> UploadPartAsync(string sessionId, int partNumber, ArraySegment<byte> content, byte[] md5, CancellationToken cancellationToken = default)
    {
        RequireMd5(md5);
        if (content.Array is null)
        {
            throw new ArgumentException("The part has no buffer.", nameof(content));
        }

        return UploadPartAsync(sessionId, partNumber, content.Count, () => new BufferedPartContent(content, md5), cancellationToken);
    }

    /// <summary>
    /// Sends one part, its body built afresh by <paramref name="newBody"/> for every attempt, and checks that the
    /// server stored the bytes the last attempt wrote (size and MD5). Throws PartVerificationFailed when it did not,
    /// and the body's <see cref="PartContent.LocalFailure"/> when the local file could not be read.
    /// </summary>
    internal async Task<UploadedPart> UploadPartAsync(string sessionId, int partNumber, long length, Func<PartContent> newBody, CancellationToken cancellationToken)
    {
        if (partNumber < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, "Part numbers start at 1.");
        }

        var partText = partNumber.ToString(CultureInfo.InvariantCulture);
        PartContent? body = null;
        var request = new VaultRequest(HttpMethod.Put, pipeline.Api(SessionUri(sessionId)))
        {
            Detail = "part " + partText + ", " + ByteSize.Format(length),
            Headers = new Dictionary<string, string> { ["X-VaultAPI-FilePartNumber"] = partText },
            ContentFactory = () => body = newBody(),
        };
        DataEnvelopeDto<PartDto> response;
        try
        {
            response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoPartDto, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (body?.LocalFailure is { } local)
        {
            throw local;
        }

        var part = Require(response.Data, request);
        var sent = body!;
        var sentMd5 = sent.SentMd5 is { } md5 ? Hex(md5) : "(not known)";
        if (part.Size != sent.Length || !string.Equals(part.PartContentMd5, sentMd5, StringComparison.OrdinalIgnoreCase)
            || (part.PartNumber != 0 && part.PartNumber != partNumber))
        {
            throw new VaultStagingException(
                VaultErrorIds.PartVerificationFailed,
                VaultErrorCategory.InvalidData,
                $"Vault stored part {partText} as {part.Size} bytes with MD5 {part.PartContentMd5 ?? "(none)"} (part number {part.PartNumber}), but {sent.Length} bytes with MD5 {sentMd5} were sent; the part must be sent again.");
        }

        return new UploadedPart { PartNumber = partNumber, Size = part.Size, Md5 = sentMd5 };
    }

    /// <summary>Commits a complete session; returns the job id.</summary>
    public async Task<long> CommitSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var request = new VaultRequest(HttpMethod.Post, pipeline.Api(SessionUri(sessionId)));
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoJobRefDto, cancellationToken).ConfigureAwait(false);
        return Require(response.Data, request).JobId;
    }

    public async Task<IReadOnlyList<UploadSessionInfo>> ListSessionsAsync(CancellationToken cancellationToken = default)
    {
        var sessions = new List<UploadSessionInfo>();
        var query = Query(("limit", PageSize?.ToString(CultureInfo.InvariantCulture)));
        foreach (var dto in await GetAllPagesAsync(UploadPath + query, VaultJsonContext.Default.DataEnvelopeDtoListUploadSessionDto, cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(ToSession(dto));
        }

        return sessions;
    }

    public async Task<UploadSessionInfo> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var request = new VaultRequest(HttpMethod.Get, pipeline.Api(SessionUri(sessionId)));
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoUploadSessionDto, cancellationToken).ConfigureAwait(false);
        return ToSession(Require(response.Data, request));
    }

    public async Task<IReadOnlyList<UploadedPart>> ListPartsAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var parts = new List<UploadedPart>();
        var query = Query(("limit", PageSize?.ToString(CultureInfo.InvariantCulture)));
        foreach (var dto in await GetAllPagesAsync(SessionUri(sessionId) + "/parts" + query, VaultJsonContext.Default.DataEnvelopeDtoListPartDto, cancellationToken).ConfigureAwait(false))
        {
            parts.Add(new UploadedPart { PartNumber = dto.PartNumber, Size = dto.Size, Md5 = (dto.PartContentMd5 ?? "").ToLowerInvariant() });
        }

        parts.Sort((a, b) => a.PartNumber.CompareTo(b.PartNumber));
        return parts;
    }

    public async Task AbortSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var request = new VaultRequest(HttpMethod.Delete, pipeline.Api(SessionUri(sessionId)));
        await pipeline.SendJsonAsync(request, VaultJsonContext.Default.EnvelopeDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One status read; the caller keeps to the once-per-10-s rule (see <see cref="WaitForJobAsync"/>).</summary>
    public async Task<VaultJob> GetJobAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var request = new VaultRequest(HttpMethod.Get, pipeline.Api("services/jobs/" + jobId.ToString(CultureInfo.InvariantCulture)));
        var response = await pipeline.SendJsonAsync(request, VaultJsonContext.Default.DataEnvelopeDtoJobDto, cancellationToken).ConfigureAwait(false);
        var job = Require(response.Data, request);
        return new VaultJob
        {
            Id = job.Id != 0 ? job.Id : jobId,
            Status = job.Status ?? "",
            Method = job.Method,
            CreatedDate = job.CreatedDate,
            RunStartDate = job.RunStartDate,
            RunEndDate = job.RunEndDate,
        };
    }

    /// <summary>Polls no faster than <paramref name="pollInterval"/> (never below the vault's rule in production) until the job finishes.</summary>
    public Task<VaultJob> WaitForJobAsync(long jobId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
        => Jobs.WaitAsync(jobId, pollInterval, timeout, cancellationToken);

    /// <summary>Percent-encodes each segment of a staging path, keeping '/' separators and dropping the leading one.</summary>
    internal static string EncodePath(string path)
    {
        var segments = (path ?? "").Split('/');
        var encoded = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            if (segment.Length > 0)
            {
                encoded.Add(Uri.EscapeDataString(segment));
            }
        }

        return string.Join("/", encoded);
    }

    private static string ItemUri(string path) => ItemsPath + "/" + EncodePath(path);

    private static string SessionUri(string sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new ArgumentException("An upload session id is required.", nameof(sessionId));
        }

        return UploadPath + "/" + Uri.EscapeDataString(sessionId);
    }

    private async Task<List<T>> GetAllPagesAsync<T>(string firstPage, JsonTypeInfo<DataEnvelopeDto<List<T>>> typeInfo, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? next = pipeline.Api(firstPage);
        var pages = 0;
        while (next is not null)
        {
            var request = new VaultRequest(HttpMethod.Get, next) { Detail = pages > 0 ? "page " + (pages + 1).ToString(CultureInfo.InvariantCulture) : null };
            var page = await pipeline.SendJsonAsync(request, typeInfo, cancellationToken).ConfigureAwait(false);
            if (page.Data is not null)
            {
                all.AddRange(page.Data);
            }

            var link = page.ResponseDetails?.NextPage;
            next = string.IsNullOrEmpty(link) || link == next ? null : link;
            pages++;
        }

        return all;
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private static T Require<T>(T? data, VaultRequest request)
        where T : class
        => data ?? throw new VaultApiException(
            VaultErrorTypes.InvalidResponse,
            $"{request.Method.Method} {request.RelativeUri}: Vault answered SUCCESS without the expected data.",
            200,
            null);

    private static void RequireMd5(byte[] md5)
    {
        if (md5 is null || md5.Length != 16)
        {
            throw new ArgumentException("An MD5 digest is 16 bytes.", nameof(md5));
        }
    }

    internal static string Hex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    private static StagingItem ToItem(ItemDto dto)
    {
        var path = dto.Path ?? "";
        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        return new StagingItem
        {
            Kind = string.Equals(dto.Kind, "folder", StringComparison.OrdinalIgnoreCase) ? StagingItemKind.Folder : StagingItemKind.File,
            Path = path,
            Name = dto.Name ?? NameOf(path),
            Size = dto.Size,
            ModifiedDate = dto.ModifiedDate,
            ContentMd5 = dto.FileContentMd5?.ToLowerInvariant(),
        };
    }

    private static UploadSessionInfo ToSession(UploadSessionDto dto) => new()
    {
        Id = dto.Id ?? "",
        Path = dto.Path ?? "",
        Name = dto.Name ?? "",
        Size = dto.Size,
        Uploaded = dto.Uploaded,
        UploadedParts = dto.UploadedParts,
        Owner = dto.Owner,
        CreatedDate = dto.CreatedDate,
        LastUploadedDate = dto.LastUploadedDate,
        ExpirationDate = dto.ExpirationDate,
    };

    private static bool SamePath(string? returned, string asked)
        => returned is not null && string.Equals("/" + returned.Trim('/'), asked, StringComparison.Ordinal);

    private static string NameOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
    }

    private static string Join(string[] segments, int count)
        => "/" + string.Join("/", segments, 0, count);
}
