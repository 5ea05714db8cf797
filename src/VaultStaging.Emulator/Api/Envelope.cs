using System.Text.Json.Nodes;

namespace VaultStaging.Emulator.Api;

/// <summary>Builds Vault response envelopes.</summary>
internal static class Envelope
{
    public static JsonObject Success() => new()
    {
        ["responseStatus"] = "SUCCESS",
        ["responseMessage"] = "OK",
    };

    public static JsonObject Success(JsonNode data)
    {
        var body = Success();
        body["data"] = data;
        return body;
    }

    public static JsonObject Failure(VaultApiException error)
    {
        var body = Failure(error.ErrorType, error.Message);
        if (error.TopLevelErrorType is not null)
        {
            body["errorType"] = error.TopLevelErrorType;
        }

        return body;
    }

    public static JsonObject Failure(string type, string message) => new()
    {
        ["responseStatus"] = "FAILURE",
        ["errors"] = new JsonArray(new JsonObject { ["type"] = type, ["message"] = message }),
    };

    public static JsonObject Exception(string message) => new()
    {
        ["responseStatus"] = "EXCEPTION",
        ["errors"] = new JsonArray(new JsonObject { ["type"] = ErrorTypes.UnexpectedError, ["message"] = message }),
    };
}
