using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Bounds one attempt (sending and reading the answer; only the headers when the body is streamed) and turns running
/// out of time into a <see cref="TimeoutException"/>, which the retry policy treats as transient. The bound is on real
/// time: it guards a real socket, whatever clock drives the waits.
/// </summary>
internal sealed class RequestTimeoutPolicy : VaultPipelinePolicy
{
    private readonly TimeSpan requestTimeout;

    public RequestTimeoutPolicy(TimeSpan requestTimeout) => this.requestTimeout = requestTimeout;

    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(message.CancellationToken);
        timeout.CancelAfter(requestTimeout);
        message.AttemptTimeout = timeout;
        message.AttemptToken = timeout.Token;
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!message.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Format(
                CultureInfo.InvariantCulture,
                "no answer within the request timeout of {0:0.#} s",
                requestTimeout.TotalSeconds));
        }
        finally
        {
            message.AttemptTimeout = null;
            message.AttemptToken = message.CancellationToken;
        }
    }
}
