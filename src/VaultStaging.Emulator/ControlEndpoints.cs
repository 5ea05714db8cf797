using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace VaultStaging.Emulator;

/// <summary>
/// The emulator's own HTTP control surface under <c>/_emulator</c>, for scripts and other processes:
/// arm/clear faults, read/clear the request log, expire login sessions.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        routes.MapPost("/_emulator/faults", async http =>
        {
            using var reader = new System.IO.StreamReader(http.Request.Body);
            var spec = (await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false)).Trim();
            try
            {
                var rule = emulator.Faults.Add(spec);
                await WriteAsync(http, StatusCodes.Status200OK, new { armed = rule.ToString() }).ConfigureAwait(false);
            }
            catch (FormatException error)
            {
                await WriteAsync(http, StatusCodes.Status400BadRequest, new { error = error.Message }).ConfigureAwait(false);
            }
        });
        routes.MapGet("/_emulator/faults", http =>
            WriteAsync(http, StatusCodes.Status200OK, emulator.Faults.Armed));
        routes.MapDelete("/_emulator/faults", http =>
        {
            emulator.Faults.Clear();
            return WriteAsync(http, StatusCodes.Status200OK, new { cleared = true });
        });
        routes.MapGet("/_emulator/requests", http =>
            WriteAsync(http, StatusCodes.Status200OK, emulator.Log.Snapshot()));
        routes.MapDelete("/_emulator/requests", http =>
        {
            emulator.Log.Clear();
            return WriteAsync(http, StatusCodes.Status200OK, new { cleared = true });
        });
        routes.MapPost("/_emulator/expire-login-sessions", http =>
        {
            emulator.Logins.ExpireAll();
            return WriteAsync(http, StatusCodes.Status200OK, new { expired = true });
        });
    }

    private static Task WriteAsync<T>(HttpContext http, int status, T value)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, value, Json, http.RequestAborted);
    }
}
