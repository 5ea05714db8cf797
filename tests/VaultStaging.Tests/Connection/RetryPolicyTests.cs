using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using VaultStaging.Core;
using VaultStaging.Core.Http;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class RetryPolicyTests
{
    private static RetryBackoff Policy(int maxAttempts = 6, double maxTotalSeconds = 900)
        => new(new RetryOptions
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(60),
            MaxTotal = TimeSpan.FromSeconds(maxTotalSeconds),
        });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void Ceiling_doubles_up_to_max_delay(int failedAttempt, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Policy().CeilingFor(failedAttempt));
    }

    [Fact]
    public void Delay_is_full_jitter_within_the_ceiling()
    {
        var policy = Policy();
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            for (var i = 0; i < 50; i++)
            {
                var delay = policy.DelayFor(attempt, retryAfter: null);
                Assert.InRange(delay, TimeSpan.Zero, policy.CeilingFor(attempt));
            }
        }
    }

    [Fact]
    public void Retry_after_from_the_server_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Policy().DelayFor(1, TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public void Budget_bounds_attempts_and_total_time()
    {
        var policy = Policy(maxAttempts: 3, maxTotalSeconds: 10);

        Assert.True(policy.CanRetry(1, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.True(policy.CanRetry(2, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.False(policy.CanRetry(3, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.False(policy.CanRetry(1, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Classifies_transient_failures()
    {
        var none = CancellationToken.None;
        Assert.True(RetryPolicy.IsTransient(new HttpRequestException("reset"), none));
        Assert.True(RetryPolicy.IsTransient(new IOException("broken pipe"), none));
        Assert.True(RetryPolicy.IsTransient(new TimeoutException(), none));
        Assert.True(RetryPolicy.IsTransient(new OperationCanceledException(), none));
        Assert.True(RetryPolicy.IsTransient(new VaultApiException("HTTP_503", "m", 503, null), none));
        Assert.True(RetryPolicy.IsTransient(new VaultApiException("HTTP_429", "m", 429, null), none));
        Assert.True(RetryPolicy.IsTransient(new VaultApiException(VaultErrorTypes.InvalidResponse, "m", 200, null), none));
        Assert.True(RetryPolicy.IsTransient(new VaultApiException("UNEXPECTED_ERROR", "m", 500, null), none));

        Assert.False(RetryPolicy.IsTransient(new VaultApiException(VaultErrorTypes.InvalidData, "m", 200, null), none));
        Assert.False(RetryPolicy.IsTransient(new VaultApiException("HTTP_404", "m", 404, null), none));
        Assert.False(RetryPolicy.IsTransient(new ArgumentException(), none));
    }

    [Fact]
    public void The_callers_cancellation_is_never_transient()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(RetryPolicy.IsTransient(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }
}
