using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using VaultStaging.Emulator.Auth;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Emulator.Api;

/// <summary>One routed API call: the HTTP context plus what the dispatcher already worked out.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(HttpContext http, EmulatorContext emulator, ApiVersion version, IReadOnlyList<string> tail)
    {
        Http = http;
        Emulator = emulator;
        Version = version;
        Tail = tail;
    }

    public HttpContext Http { get; }

    public EmulatorContext Emulator { get; }

    public ApiVersion Version { get; }

    /// <summary>Decoded URL segments after the matched route prefix (item path, session id, job id).</summary>
    public IReadOnlyList<string> Tail { get; }

    public LoginSession? Login { get; set; }

    public EmulatorUser User => Login?.User ?? throw new InvalidOperationException("Route requires authentication.");

    public FaultRule? Fault { get; set; }

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public static bool ParseBool(string? value, string name)
    {
        if (value is null)
        {
            return false;
        }

        if (bool.TryParse(value.Trim(), out bool result))
        {
            return result;
        }

        throw new VaultApiException(ErrorTypes.InvalidData, $"[{name}] must be true or false.");
    }

    /// <summary>The <c>limit</c> query parameter: 1..MaxListLimit, default MaxListLimit.</summary>
    public int Limit()
    {
        int max = Emulator.Limits.MaxListLimit;
        var text = Query("limit");
        if (text is null)
        {
            return max;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int limit) || limit < 1 || limit > max)
        {
            throw new VaultApiException(ErrorTypes.InvalidData, $"[limit] must be a number from 1 to {max}.");
        }

        return limit;
    }

    public async Task<IFormCollection> ReadFormAsync()
    {
        if (!Http.Request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        return await Http.Request.ReadFormAsync(Http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Absolute URL for <c>responseDetails.next_page</c>.</summary>
    public string NextPageUrl(string relativePath, string cursor, int limit) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Emulator.BaseUrl}api/{Version}/{relativePath}?cursor={Uri.EscapeDataString(cursor)}&limit={limit}");

    public string JobUrl(long jobId) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/{Version}/services/jobs/{jobId}");

    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
