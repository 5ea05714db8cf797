using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator.Api.Endpoints;

/// <summary>
/// Reads the Create Folder or File form. Multipart is streamed section by section: the <c>file</c>
/// part is spooled to disk (fields may come before or after it); other fields are small strings.
/// </summary>
internal static class CreateItemForm
{
    private const int MaxFormFieldBytes = 64 * 1024;

    public static async Task<(string? ContentFile, SpoolResult? Content, string? PartMd5)> ReadAsync(ApiRequest request, Dictionary<string, string> form)
    {
        var http = request.Http;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var field in await request.ReadFormAsync().ConfigureAwait(false))
            {
                form[field.Key] = field.Value.ToString();
            }

            return (null, null, null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            ?? throw new VaultApiException(ErrorTypes.InvalidData, "multipart/form-data without a boundary.");
        var reader = new MultipartReader(boundary, http.Request.Body);
        string? contentFile = null;
        SpoolResult? content = null;
        string? sectionMd5 = null;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(http.RequestAborted).ConfigureAwait(false)) is not null)
        {
            var disposition = section.GetContentDispositionHeader();
            string fieldName = disposition is null ? string.Empty : HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (fieldName == "file" && content is null)
            {
                // The documented Content-MD5 is a request header; one on the file part itself is honoured too.
                sectionMd5 = Md5Header.Parse(section.Headers?.GetValueOrDefault("Content-MD5").ToString());
                contentFile = request.Emulator.Staging.DiscardContent ? null : request.Emulator.NewTempFile();
                content = await BodySpooler.SpoolAsync(section.Body, contentFile, request.Emulator.Limits.MaxSmallFileSize, http.RequestAborted)
                    .ConfigureAwait(false);
                continue;
            }

            form[fieldName] = await ReadFieldAsync(section.Body).ConfigureAwait(false);
        }

        return (contentFile, content, sectionMd5);
    }

    private static async Task<string> ReadFieldAsync(Stream body)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxFormFieldBytes)
            {
                throw new VaultApiException(ErrorTypes.InvalidData, "A form field is too long.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
