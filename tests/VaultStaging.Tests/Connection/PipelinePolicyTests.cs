using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Http;
using VaultStaging.Core.Json;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Connection;

/// <summary>Each policy of the request pipeline on its own: a hand-written <c>next</c>, no HTTP, a clock the test moves.</summary>
public sealed class PipelinePolicyTests
{
    private readonly CapturingLog captured = new();
    private readonly Redactor redactor = new();

    private SafeLog Log => new(captured, redactor);

    [Fact]
    public async Task Retry_repeats_transient_failures_after_the_backoff_and_marks_later_attempts_uncertain()
    {
        var clock = new ManualClock { AdvancesWhenWaited = true };
        var message = Message();
        var failures = new Queue<Exception>(new Exception[] { new HttpRequestException("reset"), new TimeoutException("slow") });
        var uncertainSeen = new List<bool>();

        await Retry(clock).ProcessAsync(message, () =>
        {
            uncertainSeen.Add(message.AfterUncertainAttempt);
            return failures.Count > 0 ? Task.FromException(failures.Dequeue()) : Task.CompletedTask;
        });

        Assert.Equal(3, message.Attempt);
        Assert.Equal(new[] { false, true, true }, uncertainSeen);
        Assert.True(message.Request.Retried);
        Assert.Equal(2, captured.Warnings.Count(w => w.Contains("retrying in")));
    }

    [Fact]
    public async Task Retry_waits_exactly_what_retry_after_asks_on_the_clock()
    {
        var clock = new ManualClock();
        var message = Message();
        var attempts = 0;

        var call = Retry(clock).ProcessAsync(message, () =>
        {
            if (++attempts > 1)
            {
                return Task.CompletedTask;
            }

            message.Response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            message.Response.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow() + TimeSpan.FromSeconds(30));
            return Task.FromException(new VaultApiException("HTTP_503", "busy", 503, null));
        });

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        Assert.Equal(1, attempts);
        clock.Advance(TimeSpan.FromSeconds(1));
        await call;
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Retry_gives_up_with_one_error_that_counts_the_attempts()
    {
        var clock = new ManualClock { AdvancesWhenWaited = true };

        var error = await Assert.ThrowsAsync<VaultApiException>(() => Retry(clock, maxAttempts: 3).ProcessAsync(
            Message(),
            () => Task.FromException(new VaultApiException("HTTP_503", "busy", 503, null))));

        Assert.Equal("HTTP_503", error.VaultErrorType);
        Assert.Contains("GET /api/v26.1/x failed after 3 attempts", error.Message);
    }

    [Fact]
    public async Task Retry_sends_a_request_that_cannot_be_repeated_once()
    {
        var message = Message();
        message.Request.Replayable = false;
        var attempts = 0;

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => Retry(new ManualClock()).ProcessAsync(message, () =>
        {
            attempts++;
            return Task.FromException(new IOException("broken pipe"));
        }));

        Assert.Equal(1, attempts);
        Assert.Equal("ConnectionFailed", error.ErrorId);
    }

    [Fact]
    public async Task Retry_passes_a_refusal_after_an_uncertain_attempt_on_unchanged_and_says_so()
    {
        var refused = new VaultApiException(VaultErrorTypes.OperationNotAllowed, "no", 200, null) { AfterUncertainAttempt = true };

        var error = await Assert.ThrowsAsync<VaultApiException>(() => Retry(new ManualClock()).ProcessAsync(Message(), () => Task.FromException(refused)));

        Assert.Same(refused, error);
        Assert.Contains(captured.Warnings, w => w.Contains("may have been carried out (OPERATION_NOT_ALLOWED)"));
    }

    [Fact]
    public async Task A_dead_session_is_renewed_once_and_the_same_attempt_repeated()
    {
        var renewer = new SessionRenewer(_ => Task.FromResult("new-session"), new ManualClock(), redactor);
        renewer.Adopt("old-session");
        var message = Message();
        var sent = new List<string?>();

        await new SessionRenewalPolicy(renewer, Log).ProcessAsync(message, () =>
        {
            sent.Add(message.Session);
            return sent.Count == 1 ? Task.FromException(DeadSession()) : Task.CompletedTask;
        });

        Assert.Equal(new[] { "old-session", "new-session" }, sent);
        Assert.Equal(1, message.Attempt);
        Assert.True(message.SessionRenewed);
    }

    [Fact]
    public async Task A_session_that_dies_again_after_renewal_is_reported()
    {
        var renewer = new SessionRenewer(_ => Task.FromResult("new-session"), new ManualClock(), redactor);
        renewer.Adopt("old-session");

        var error = await Assert.ThrowsAsync<VaultApiException>(() => new SessionRenewalPolicy(renewer, Log).ProcessAsync(Message(), () => Task.FromException(DeadSession())));

        Assert.Equal(VaultErrorTypes.InvalidSessionId, error.VaultErrorType);
    }

    [Fact]
    public async Task A_dead_session_without_a_credential_is_session_expired()
    {
        var renewer = new SessionRenewer(null, new ManualClock(), redactor);
        renewer.Adopt("only-session");

        var error = await Assert.ThrowsAsync<VaultStagingException>(() => new SessionRenewalPolicy(renewer, Log).ProcessAsync(Message(), () => Task.FromException(DeadSession())));

        Assert.Equal("SessionExpired", error.ErrorId);
    }

    [Fact]
    public async Task The_governor_learns_from_every_answer_and_then_spaces_requests_on_the_clock()
    {
        var clock = new ManualClock();
        var governor = new RateGovernor(Log, clock, TimeSpan.FromMilliseconds(500));
        var policy = new RateGovernorPolicy(governor);
        var message = Message();

        await policy.ProcessAsync(message, () =>
        {
            message.Response = Answer(HttpStatusCode.OK, "{}", ("X-VaultAPI-BurstLimit", "100"), ("X-VaultAPI-BurstLimitRemaining", "5"));
            return Task.CompletedTask;
        });
        Assert.True(governor.IsThrottling);

        await policy.ProcessAsync(Message(), () => Task.CompletedTask);
        var third = policy.ProcessAsync(Message(), () => Task.CompletedTask);
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await third;
    }

    [Fact]
    public async Task An_attempt_past_the_request_timeout_is_a_timeout()
    {
        var message = Message();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => new RequestTimeoutPolicy(TimeSpan.FromMilliseconds(1)).ProcessAsync(message, () => Cancelled(message.AttemptToken)));

        Assert.Contains("request timeout", error.Message);
        Assert.Equal(message.CancellationToken, message.AttemptToken);
    }

    [Fact]
    public async Task The_caller_cancelling_is_not_a_timeout()
    {
        using var cancel = new CancellationTokenSource();
        var message = Message(cancellationToken: cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RequestTimeoutPolicy(TimeSpan.FromMinutes(10)).ProcessAsync(message, () => Cancelled(message.AttemptToken)));
    }

    [Theory]
    [InlineData(false, "OPERATION_NOT_ALLOWED", 200, false)]
    [InlineData(true, "OPERATION_NOT_ALLOWED", 200, true)]
    [InlineData(true, "INVALID_SESSION_ID", 200, false)]
    [InlineData(true, "UNEXPECTED_ERROR", 500, false)]
    public async Task Errors_read_from_an_answer_know_from_the_start_whether_they_follow_an_uncertain_attempt(bool uncertain, string type, int status, bool marked)
    {
        var message = Message(read: (response, context, token) => ReadEnvelopeAsync(response, context, token));
        message.AfterUncertainAttempt = uncertain;

        var error = await Assert.ThrowsAsync<VaultApiException>(() => new ResponseReadPolicy().ProcessAsync(message, () =>
        {
            message.Response = Answer((HttpStatusCode)status, "{\"responseStatus\":\"FAILURE\",\"errors\":[{\"type\":\"" + type + "\",\"message\":\"no\"}]}");
            return Task.CompletedTask;
        }));

        Assert.Equal(type, error.VaultErrorType);
        Assert.Equal(marked, error.AfterUncertainAttempt);
    }

    [Fact]
    public async Task The_log_has_a_line_per_attempt_and_one_per_answer()
    {
        var message = Message();

        await new RequestLogPolicy(Log).ProcessAsync(message, () =>
        {
            message.Response = Answer(HttpStatusCode.OK, "{}", ("X-VaultAPI-ExecutionId", "exec-1"));
            message.HeadersTime = TimeSpan.FromMilliseconds(12);
            return Task.CompletedTask;
        });

        Assert.Equal(
            new[] { ("Verbose", "GET /api/v26.1/x"), ("Debug", "GET /api/v26.1/x → HTTP 200 in 12 ms; execution id exec-1; burst remaining - of -.") },
            captured.Lines);
    }

    private RetryPolicy Retry(TimeProvider clock, int maxAttempts = 6)
        => new(new RetryBackoff(new RetryOptions { MaxAttempts = maxAttempts }), clock, Log, redactor);

    private static VaultMessage Message(
        Func<HttpResponseMessage, ResponseContext, CancellationToken, Task>? read = null,
        CancellationToken cancellationToken = default)
        => new(
            new VaultRequest(HttpMethod.Get, "api/v26.1/x"),
            new Uri("https://vault.example.com/api/v26.1/x"),
            read ?? ((_, _, _) => Task.CompletedTask),
            cancellationToken);

    private async Task ReadEnvelopeAsync(HttpResponseMessage response, ResponseContext context, CancellationToken token)
        => ResponseEnvelopeReader.Read(await VaultHttpPipeline.ReadBodyAsync(response, token), context, VaultJsonContext.Default.EnvelopeDto, redactor);

    private static VaultApiException DeadSession() => new(VaultErrorTypes.InvalidSessionId, "dead", 401, null);

    private static HttpResponseMessage Answer(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Completes only when <paramref name="token"/> is cancelled, like a request that never gets an answer.</summary>
    private static async Task Cancelled(CancellationToken token)
    {
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(() => never.TrySetCanceled(token));
        await never.Task;
    }
}
