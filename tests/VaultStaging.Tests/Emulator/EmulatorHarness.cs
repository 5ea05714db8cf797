using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Emulator;

/// <summary>
/// A started emulator with small limits and a manual clock, plus a raw HttpClient and helpers that
/// speak the Vault API directly (these tests prove the emulator, not the product's client).
/// </summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public const string Version = "v25.2";

    private EmulatorHarness(EmulatorServer server, ManualClock clock)
    {
        Server = server;
        Clock = clock;
        Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorServer Server { get; }

    public ManualClock Clock { get; }

    public HttpClient Http { get; }

    /// <summary>Users: admin/admin (admin, 1000), alice/pw (1001), bob/pw (1002). Parts: 1 KiB..4 KiB.</summary>
    public static async Task<EmulatorHarness> StartAsync(Action<EmulatorOptions>? configure = null, bool smallLimits = true)
    {
        var clock = new ManualClock();
        var options = new EmulatorOptions { Clock = clock };
        options.Users.Add(new EmulatorUser("admin", "admin", true, 1000));
        options.Users.Add(new EmulatorUser("alice", "pw", false, 1001));
        options.Users.Add(new EmulatorUser("bob", "pw", false, 1002));
        if (smallLimits)
        {
            options.Limits.MinPartSize = 1024;
            options.Limits.MaxPartSize = 4096;
            options.Limits.MaxSmallFileSize = 10_000;
            options.Limits.JobPollInterval = TimeSpan.Zero;
            options.Limits.BurstDelay = TimeSpan.FromMilliseconds(50);
        }

        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options);
        return new EmulatorHarness(server, clock);
    }

    public static string Api(string relative, string version = Version) => $"api/{version}/{relative}";

    public async Task<string> LoginAsync(string user = "admin", string password = "admin")
    {
        var response = await SendAsync(HttpMethod.Post, Api("auth"), null, Form(("username", user), ("password", password)));
        response.AssertSuccess();
        return response.Body!["sessionId"]!.GetValue<string>();
    }

    public async Task<VaultResponse> SendAsync(
        HttpMethod method,
        string relative,
        string? session,
        HttpContent? content = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, relative) { Content = content };
        if (session is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", session);
        }

        configure?.Invoke(request);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            body = JsonNode.Parse(text);
        }

        return new VaultResponse(response, body, text);
    }

    public Task<VaultResponse> GetAsync(string relative, string session) => SendAsync(HttpMethod.Get, relative, session);

    public async Task<string> CreateSessionAsync(string session, string path, long size, bool overwrite = false)
    {
        var response = await CreateSessionRawAsync(session, path, size, overwrite);
        response.AssertSuccess();
        return response.Data!["id"]!.GetValue<string>();
    }

    public Task<VaultResponse> CreateSessionRawAsync(string session, string path, long size, bool overwrite = false) =>
        SendAsync(
            HttpMethod.Post,
            Api("services/file_staging/upload"),
            session,
            Form(("path", path), ("size", size.ToString(CultureInfo.InvariantCulture)), ("overwrite", overwrite ? "true" : "false")));

    public Task<VaultResponse> UploadPartAsync(string session, string uploadId, int partNumber, byte[] bytes, string? contentMd5 = null, string version = Version) =>
        SendAsync(
            HttpMethod.Put,
            Api("services/file_staging/upload/" + uploadId, version),
            session,
            new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            request =>
            {
                request.Headers.Add("X-VaultAPI-FilePartNumber", partNumber.ToString(CultureInfo.InvariantCulture));
                if (contentMd5 is not null)
                {
                    request.Content!.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
                }
            });

    public Task<VaultResponse> CommitAsync(string session, string uploadId) =>
        SendAsync(HttpMethod.Post, Api("services/file_staging/upload/" + uploadId), session);

    public Task<VaultResponse> JobAsync(string session, long jobId) =>
        GetAsync(Api("services/jobs/" + jobId.ToString(CultureInfo.InvariantCulture)), session);

    /// <summary>Uploads <paramref name="content"/> in <paramref name="partSize"/> parts, commits, and returns the job id.</summary>
    public async Task<long> UploadFileAsync(string session, string path, byte[] content, int partSize, bool overwrite = false)
    {
        var id = await CreateSessionAsync(session, path, content.Length, overwrite);
        int number = 1;
        for (int offset = 0; offset < content.Length; offset += partSize, number++)
        {
            var part = content.AsSpan(offset, Math.Min(partSize, content.Length - offset)).ToArray();
            (await UploadPartAsync(session, id, number, part)).AssertSuccess();
        }

        var commit = await CommitAsync(session, id);
        commit.AssertSuccess();
        return commit.Data!["job_id"]!.GetValue<long>();
    }

    public async Task<VaultResponse> CreateFolderAsync(string session, string path)
    {
        var form = new MultipartFormDataContent { { new StringContent("folder"), "kind" }, { new StringContent(path), "path" } };
        return await SendAsync(HttpMethod.Post, Api("services/file_staging/items"), session, form);
    }

    public async Task<VaultResponse> UploadSmallFileAsync(string session, string path, byte[] content, bool? overwrite = null, string? contentMd5 = null)
    {
        var form = new MultipartFormDataContent { { new StringContent("file"), "kind" }, { new StringContent(path), "path" } };
        if (overwrite is { } value)
        {
            form.Add(new StringContent(value ? "true" : "false"), "overwrite");
        }

        form.Add(new ByteArrayContent(content), "file", "upload.bin");
        return await SendAsync(
            HttpMethod.Post,
            Api("services/file_staging/items"),
            session,
            form,
            request =>
            {
                if (contentMd5 is not null)
                {
                    request.Content!.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
                }
            });
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in fields)
        {
            pairs.Add(new KeyValuePair<string, string>(key, value));
        }

        return new FormUrlEncodedContent(pairs);
    }

    public static byte[] RandomBytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Md5Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    public static string Md5Base64(byte[] bytes) => Convert.ToBase64String(MD5.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>An API response with its parsed JSON envelope (null for non-JSON bodies).</summary>
internal sealed record VaultResponse(HttpResponseMessage Message, JsonNode? Body, string Text)
{
    public string? Status => Body?["responseStatus"]?.GetValue<string>();

    public string? ErrorType => Body?["errors"]?[0]?["type"]?.GetValue<string>();

    public JsonNode? Data => Body?["data"];

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public void AssertSuccess()
    {
        Assert.True(Status == "SUCCESS", $"Expected SUCCESS, got {(int)Message.StatusCode}: {Text}");
    }

    public void AssertFailure(string errorType)
    {
        Assert.True((int)Message.StatusCode == 200, $"Vault reports failures with HTTP 200, got {(int)Message.StatusCode}: {Text}");
        Assert.True(Status == "FAILURE" && ErrorType == errorType, $"Expected FAILURE {errorType}, got: {Text}");
    }
}
