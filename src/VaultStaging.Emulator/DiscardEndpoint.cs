using System.Globalization;
using System.IO.Pipelines;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace VaultStaging.Emulator;

/// <summary>
/// <c>PUT /_emulator/discard</c>: reads the body and drops it, answering 204 with the byte count in
/// <c>X-Emulator-Bytes-Read</c>. The benchmark's raw loopback PUT limit: no API rules, no hashing, no copy
/// beyond what Kestrel itself does.
/// </summary>
internal static class DiscardEndpoint
{
    public const string Path = "/_emulator/discard";

    public const string BytesReadHeader = "X-Emulator-Bytes-Read";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPut(Path, DiscardAsync);

    private static async Task DiscardAsync(HttpContext http)
    {
        PipeReader body = http.Request.BodyReader;
        long total = 0;
        while (true)
        {
            ReadResult read = await body.ReadAsync(http.RequestAborted).ConfigureAwait(false);
            total += read.Buffer.Length;
            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
        http.Response.Headers[BytesReadHeader] = total.ToString(CultureInfo.InvariantCulture);
    }
}
