using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using VaultStaging.Emulator.Api.Endpoints;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Emulator.Api;

/// <summary>
/// Maps (verb, decoded path segments after <c>/api/{v}</c>) to an endpoint. Unknown paths answer
/// MALFORMED_URL, known paths with the wrong verb METHOD_NOT_SUPPORTED, as Vault does.
/// </summary>
internal sealed class ApiRouter
{
    private readonly AuthEndpoints _auth;
    private readonly ItemEndpoints _items;
    private readonly UploadEndpoints _uploads;

    public ApiRouter(EmulatorContext emulator)
    {
        _auth = new AuthEndpoints(emulator);
        _items = new ItemEndpoints(emulator);
        _uploads = new UploadEndpoints(emulator);
    }

    /// <summary>Resolves a route; <paramref name="segments"/> are the decoded segments after the version.</summary>
    public RouteMatch Match(string method, IReadOnlyList<string> segments)
    {
        bool isItemsRoute = segments.Count >= 3 && segments[1] == "file_staging" && segments[2] == "items";
        var s = segments.Count > 0 && segments[^1].Length == 0 && !isItemsRoute
            ? segments.Take(segments.Count - 1).ToArray()
            : segments;
        if (s.Count == 0)
        {
            return Verb(method, ("GET", EmulatorEndpoint.Versions, _auth.VersionsAsync, true));
        }

        switch (s[0])
        {
            case "auth" when s.Count == 1:
                return Verb(method, ("POST", EmulatorEndpoint.Auth, _auth.LoginAsync, false));
            case "session" when s.Count == 1:
                return Verb(method, ("DELETE", EmulatorEndpoint.Logout, _auth.LogoutAsync, true));
            case "keep-alive" when s.Count == 1:
                return Verb(method, ("POST", EmulatorEndpoint.KeepAlive, AuthEndpoints.KeepAliveAsync, true));
            case "objects" when s.Count == 3 && s[1] == "users" && s[2] == "me":
                return Verb(method, ("GET", EmulatorEndpoint.Me, AuthEndpoints.MeAsync, true));
            case "services" when s.Count == 3 && s[1] == "jobs":
                return Verb(method, ("GET", EmulatorEndpoint.JobStatus, JobEndpoints.StatusAsync, true), tail: s.Skip(2));
            case "services" when s.Count >= 3 && s[1] == "file_staging" && s[2] == "items":
                return MatchItems(method, s.Skip(3).ToArray());
            case "services" when s.Count >= 3 && s[1] == "file_staging" && s[2] == "upload":
                return MatchUpload(method, s.Skip(3).ToArray());
        }

        throw NotFound();
    }

    private RouteMatch MatchItems(string method, string[] rest)
    {
        if (method == "GET" && rest.Length >= 1 && rest[0] == "content")
        {
            return new RouteMatch(EmulatorEndpoint.Download, _items.DownloadAsync, true, rest.Skip(1).ToArray());
        }

        bool isRoot = rest.Length == 0 || (rest.Length == 1 && rest[0].Length == 0);
        return method switch
        {
            "GET" => new RouteMatch(EmulatorEndpoint.ListItems, _items.ListAsync, true, rest),
            "POST" when isRoot => new RouteMatch(EmulatorEndpoint.CreateItem, _items.CreateAsync, true, rest),
            "DELETE" when !isRoot => new RouteMatch(EmulatorEndpoint.DeleteItem, _items.DeleteAsync, true, rest),
            "PUT" when !isRoot => new RouteMatch(EmulatorEndpoint.UpdateItem, _items.UpdateAsync, true, rest),
            _ => throw WrongVerb(method),
        };
    }

    private RouteMatch MatchUpload(string method, string[] rest)
    {
        if (rest.Length > 0 && rest[^1].Length == 0)
        {
            rest = rest[..^1];
        }

        switch (rest.Length)
        {
            case 0:
                return method switch
                {
                    "GET" => new RouteMatch(EmulatorEndpoint.ListSessions, _uploads.ListAsync, true, rest),
                    "POST" => new RouteMatch(EmulatorEndpoint.CreateSession, _uploads.CreateAsync, true, rest),
                    _ => throw WrongVerb(method),
                };
            case 1:
                return method switch
                {
                    "PUT" => new RouteMatch(EmulatorEndpoint.UploadPart, _uploads.UploadPartAsync, true, rest),
                    "POST" => new RouteMatch(EmulatorEndpoint.Commit, _uploads.CommitAsync, true, rest),
                    "GET" => new RouteMatch(EmulatorEndpoint.GetSession, _uploads.GetAsync, true, rest),
                    "DELETE" => new RouteMatch(EmulatorEndpoint.AbortSession, _uploads.AbortAsync, true, rest),
                    _ => throw WrongVerb(method),
                };
            case 2 when rest[1] == "parts":
                return Verb(method, ("GET", EmulatorEndpoint.ListParts, _uploads.ListPartsAsync, true), tail: rest.Take(1));
            default:
                throw NotFound();
        }
    }

    private static RouteMatch Verb(
        string method,
        (string Verb, EmulatorEndpoint Endpoint, Func<ApiRequest, Task<ApiResult>> Handler, bool RequiresAuth) route,
        IEnumerable<string>? tail = null)
    {
        if (!string.Equals(method, route.Verb, StringComparison.Ordinal))
        {
            throw WrongVerb(method);
        }

        return new RouteMatch(route.Endpoint, route.Handler, route.RequiresAuth, (tail ?? Array.Empty<string>()).ToArray());
    }

    public static VaultApiException NotFound() =>
        new(ErrorTypes.MalformedUrl, "The requested resource does not exist.");

    private static VaultApiException WrongVerb(string method) =>
        new(ErrorTypes.MethodNotSupported, $"Request method '{method}' is not supported for this resource.");
}

internal sealed record RouteMatch(
    EmulatorEndpoint Endpoint,
    Func<ApiRequest, Task<ApiResult>> Handler,
    bool RequiresAuth,
    IReadOnlyList<string> Tail);
