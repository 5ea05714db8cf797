using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Emulator;

public sealed class FaultTests
{
    private const string Me = "objects/users/me";

    [Fact]
    public async Task DropConnection_aborts_mid_body_and_the_part_is_not_stored()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 3 * 2048);
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Endpoint = EmulatorEndpoint.UploadPart, PartNumber = 2, Count = 1 });

        (await h.UploadPartAsync(session, id, 1, new byte[2048])).AssertSuccess();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => h.UploadPartAsync(session, id, 2, new byte[2048]));
        Assert.Single(Assert.Single(h.Server.State.ActiveSessions).Parts);
        (await h.UploadPartAsync(session, id, 2, new byte[2048])).AssertSuccess();
        Assert.Equal(FaultKind.DropConnection, h.Server.Requests.Single(r => r.Fault is not null).Fault);
    }

    [Fact]
    public async Task ResetBeforeResponse_stores_the_part_but_sends_no_answer()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 2048);
        h.Server.Faults.Add(FaultRule.Parse("reset-before-response:upload-part@1"));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => h.UploadPartAsync(session, id, 1, EmulatorHarness.RandomBytes(1024)));
        var part = Assert.Single(Assert.Single(h.Server.State.ActiveSessions).Parts);
        Assert.Equal(EmulatorHarness.Md5Hex(EmulatorHarness.RandomBytes(1024)), part.Md5);
    }

    [Fact]
    public async Task Http500_answers_an_exception_envelope_without_processing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("http500:create-item"));

        var response = await h.CreateFolderAsync(session, "/u1000/F");
        Assert.Equal(HttpStatusCode.InternalServerError, response.Message.StatusCode);
        Assert.Equal("EXCEPTION", response.Status);
        Assert.Null(h.Server.State.GetItem("/u1000/F"));
        (await h.CreateFolderAsync(session, "/u1000/F")).AssertSuccess();
    }

    [Fact]
    public async Task Http503_sends_retry_after()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Endpoint = EmulatorEndpoint.Me, RetryAfterSeconds = 7 });

        var response = await h.GetAsync(EmulatorHarness.Api(Me), session);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Message.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Message.Headers.RetryAfter!.Delta);
        (await h.GetAsync(EmulatorHarness.Api(Me), session)).AssertSuccess();
    }

    [Fact]
    public async Task HtmlErrorPage_looks_like_a_proxy_502()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("html-error-page"));

        var response = await h.GetAsync(EmulatorHarness.Api(Me), session);
        Assert.Equal(HttpStatusCode.BadGateway, response.Message.StatusCode);
        Assert.Equal("text/html", response.Message.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html>", response.Text, StringComparison.Ordinal);
        Assert.Null(response.Body);
    }

    [Fact]
    public async Task ExpireLoginSession_invalidates_the_callers_session_before_processing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("expire-login-session:create-item"));

        (await h.CreateFolderAsync(session, "/u1000/F")).AssertFailure("INVALID_SESSION_ID");
        Assert.Null(h.Server.State.GetItem("/u1000/F"));
        (await h.GetAsync(EmulatorHarness.Api(Me), session)).AssertFailure("INVALID_SESSION_ID");
        (await h.CreateFolderAsync(await h.LoginAsync(), "/u1000/F")).AssertSuccess();
    }

    [Fact]
    public async Task SlowResponse_delays_the_answer()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("slow-response:me=300ms"));

        var watch = Stopwatch.StartNew();
        (await h.GetAsync(EmulatorHarness.Api(Me), session)).AssertSuccess();
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task WrongMd5_reports_a_wrong_checksum_but_stores_correctly()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        var bytes = EmulatorHarness.RandomBytes(1024);
        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 2048);
        h.Server.Faults.Add(FaultRule.Parse("wrong-md5:upload-part@1x1"));
        h.Server.Faults.Add(FaultRule.Parse("wrong-md5:create-item"));

        var part = await h.UploadPartAsync(session, id, 1, bytes);
        part.AssertSuccess();
        Assert.NotEqual(EmulatorHarness.Md5Hex(bytes), part.Data!["part_content_md5"]!.GetValue<string>());
        Assert.Equal(EmulatorHarness.Md5Hex(bytes), Assert.Single(h.Server.State.ActiveSessions).Parts[0].Md5);

        var file = await h.UploadSmallFileAsync(session, "/u1000/s.bin", bytes);
        Assert.NotEqual(EmulatorHarness.Md5Hex(bytes), file.Data!["file_content_md5"]!.GetValue<string>());
        Assert.Equal(EmulatorHarness.Md5Hex(bytes), h.Server.State.GetItem("/u1000/s.bin")!.Md5);
    }

    [Fact]
    public async Task BurstExhausted_delays_and_reports_zero_remaining()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Limits.BurstDelay = TimeSpan.FromMilliseconds(200));
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("burst-exhausted:me"));

        var watch = Stopwatch.StartNew();
        var response = await h.GetAsync(EmulatorHarness.Api(Me), session);
        response.AssertSuccess();
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150), $"took {watch.Elapsed}");
        Assert.Equal("0", response.Header("X-VaultAPI-BurstLimitRemaining"));
        Assert.Equal("200", response.Header("X-VaultAPI-ResponseDelay"));
    }

    [Fact]
    public async Task JobFails_ends_the_commit_job_with_errors_and_no_file()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("job-fails"));

        long jobId = await h.UploadFileAsync(session, "/u1000/a.bin", new byte[100], 1024);
        var job = await h.JobAsync(session, jobId);
        job.AssertSuccess();
        Assert.Equal("ERRORS_ENCOUNTERED", job.Data!["status"]!.GetValue<string>());
        Assert.Null(h.Server.State.GetItem("/u1000/a.bin"));
        Assert.Empty(h.Server.State.CommittedFiles);
        Assert.Empty(System.IO.Directory.GetFiles(System.IO.Path.Combine(h.Server.DataDirectory, "tmp")));
    }

    [Fact]
    public async Task MalformedJson_processes_the_request_and_truncates_the_body()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("malformed-json:create-item"));

        using var request = new HttpRequestMessage(HttpMethod.Post, EmulatorHarness.Api("services/file_staging/items"))
        {
            Content = new MultipartFormDataContent { { new StringContent("folder"), "kind" }, { new StringContent("/u1000/F"), "path" } },
        };
        request.Headers.TryAddWithoutValidation("Authorization", session);
        using var response = await h.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));
        Assert.True(h.Server.State.GetItem("/u1000/F")!.IsFolder);
    }

    [Fact]
    public async Task Rules_fire_count_times_zero_meaning_forever_and_filter_by_part()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();
        h.Server.Faults.Add(FaultRule.Parse("http500:mex2"));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await h.GetAsync(EmulatorHarness.Api(Me), session)).Message.StatusCode);
        }

        (await h.GetAsync(EmulatorHarness.Api(Me), session)).AssertSuccess();
        Assert.Empty(h.Server.Faults.Armed);

        h.Server.Faults.Add(FaultRule.Parse("http503:keep-alivex0"));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await h.SendAsync(HttpMethod.Post, EmulatorHarness.Api("keep-alive"), session)).Message.StatusCode);
        }

        Assert.Single(h.Server.Faults.Armed);
        h.Server.Faults.Clear();

        var id = await h.CreateSessionAsync(session, "/u1000/a.bin", 3 * 1024);
        h.Server.Faults.Add(FaultRule.Parse("http500:upload-part@2"));
        (await h.UploadPartAsync(session, id, 1, new byte[1024])).AssertSuccess();
        Assert.Equal(HttpStatusCode.InternalServerError, (await h.UploadPartAsync(session, id, 2, new byte[1024])).Message.StatusCode);
        (await h.UploadPartAsync(session, id, 2, new byte[1024])).AssertSuccess();
    }

    [Theory]
    [InlineData("drop:upload-part@3", FaultKind.DropConnection, EmulatorEndpoint.UploadPart, 3, 1)]
    [InlineData("drop-connection:upload-part@3", FaultKind.DropConnection, EmulatorEndpoint.UploadPart, 3, 1)]
    [InlineData("http503:commit", FaultKind.Http503, EmulatorEndpoint.Commit, null, 1)]
    [InlineData("wrong-md5:upload-part@2x1", FaultKind.WrongMd5, EmulatorEndpoint.UploadPart, 2, 1)]
    [InlineData("expire-login-session:list-itemsx0", FaultKind.ExpireLoginSession, EmulatorEndpoint.ListItems, null, 0)]
    [InlineData("reset:any@4x3", FaultKind.ResetBeforeResponse, EmulatorEndpoint.Any, 4, 3)]
    [InlineData("job-fails", FaultKind.JobFails, EmulatorEndpoint.Any, null, 1)]
    [InlineData("Malformed-Json:JOB-STATUS", FaultKind.MalformedJson, EmulatorEndpoint.JobStatus, null, 1)]
    public void Parse_reads_the_command_line_syntax(string spec, FaultKind kind, EmulatorEndpoint endpoint, int? part, int count)
    {
        var rule = FaultRule.Parse(spec);
        Assert.Equal(kind, rule.Kind);
        Assert.Equal(endpoint, rule.Endpoint);
        Assert.Equal(part, rule.PartNumber);
        Assert.Equal(count, rule.Count);
        var roundTrip = FaultRule.Parse(rule.ToString());
        Assert.Equal((rule.Kind, rule.Endpoint, rule.PartNumber, rule.Count), (roundTrip.Kind, roundTrip.Endpoint, roundTrip.PartNumber, roundTrip.Count));
    }

    [Fact]
    public void Parse_reads_values_for_503_and_slow()
    {
        Assert.Equal(9, FaultRule.Parse("http503:commit=9").RetryAfterSeconds);
        Assert.Equal(TimeSpan.FromMilliseconds(250), FaultRule.Parse("slow:upload-part@1x0=250ms").Delay);
        Assert.Equal(TimeSpan.FromSeconds(3), FaultRule.Parse("slow=3s").Delay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("explode")]
    [InlineData("drop:nowhere")]
    [InlineData("drop@x")]
    [InlineData("drop=5")]
    public void Parse_rejects_bad_specs(string spec)
    {
        Assert.Throws<FormatException>(() => FaultRule.Parse(spec));
    }

    [Fact]
    public async Task Control_endpoints_arm_faults_read_the_log_and_expire_sessions()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var session = await h.LoginAsync();

        var armed = await h.Http.PostAsync("_emulator/faults", new StringContent("http500:me", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, armed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await h.GetAsync(EmulatorHarness.Api(Me), session)).Message.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.PostAsync("_emulator/faults", new StringContent("nonsense"))).StatusCode);
        await h.Http.PostAsync("_emulator/faults", new StringContent("http500:mex0"));
        Assert.Equal(HttpStatusCode.OK, (await h.Http.DeleteAsync("_emulator/faults")).StatusCode);
        (await h.GetAsync(EmulatorHarness.Api(Me), session)).AssertSuccess();

        var log = JsonNode.Parse(await h.Http.GetStringAsync("_emulator/requests"))!.AsArray();
        Assert.Equal(3, log.Count);
        Assert.Equal("Me", log[1]!["endpoint"]!.GetValue<string>());
        Assert.Equal(500, log[1]!["httpStatus"]!.GetValue<int>());
        Assert.Equal("Http500", log[1]!["fault"]!.GetValue<string>());
        Assert.DoesNotContain(session, log.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await h.Http.PostAsync("_emulator/expire-login-sessions", null)).StatusCode);
        (await h.GetAsync(EmulatorHarness.Api(Me), session)).AssertFailure("INVALID_SESSION_ID");
        Assert.DoesNotContain(h.Server.Requests, r => r.Path.StartsWith("/_emulator", StringComparison.Ordinal));
    }
}
