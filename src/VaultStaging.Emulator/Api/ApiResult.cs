using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace VaultStaging.Emulator.Api;

/// <summary>What a handler produced; written by the dispatcher after faults had their say.</summary>
internal abstract class ApiResult
{
}

/// <summary>A JSON envelope (SUCCESS or FAILURE), HTTP 200.</summary>
internal sealed class JsonResult(JsonObject body) : ApiResult
{
    public JsonObject Body { get; } = body;

    public string ResponseStatus => Body["responseStatus"]?.GetValue<string>() ?? "SUCCESS";

    public string? ErrorType => Body["errors"] is JsonArray { Count: > 0 } errors ? errors[0]?["type"]?.GetValue<string>() : null;
}

/// <summary>Raw bytes of a staged file (download).</summary>
internal sealed class FileResult(int statusCode, Action<IHeaderDictionary> setHeaders, Func<Stream, CancellationToken, Task> writeBody) : ApiResult
{
    public int StatusCode { get; } = statusCode;

    public Action<IHeaderDictionary> SetHeaders { get; } = setHeaders;

    public Func<Stream, CancellationToken, Task> WriteBody { get; } = writeBody;
}
