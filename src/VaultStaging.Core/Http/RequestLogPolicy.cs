using System;
using System.Globalization;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>One verbose line per attempt as it goes out, one debug line per answer (status, time, execution id, burst figures).</summary>
internal sealed class RequestLogPolicy : VaultPipelinePolicy
{
    private readonly SafeLog log;

    public RequestLogPolicy(SafeLog log) => this.log = log;

    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        log.Verbose(message.RequestLine + (message.Request.Detail is null ? "" : " " + message.Request.Detail));
        await next().ConfigureAwait(false);
        if (message.Response is not { } response)
        {
            return;
        }

        log.Debug(string.Format(
            CultureInfo.InvariantCulture,
            "{0} → HTTP {1} in {2} ms; execution id {3}; burst remaining {4} of {5}.",
            message.RequestLine,
            (int)response.StatusCode,
            (long)message.HeadersTime.TotalMilliseconds,
            ResponseReadPolicy.Header(response, "X-VaultAPI-ExecutionId") ?? "-",
            ResponseReadPolicy.Header(response, "X-VaultAPI-BurstLimitRemaining") ?? "-",
            ResponseReadPolicy.Header(response, "X-VaultAPI-BurstLimit") ?? "-"));
    }
}
