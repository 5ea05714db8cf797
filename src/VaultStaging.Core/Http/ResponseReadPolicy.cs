using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Hands the attempt's answer to the caller's reader (usually <see cref="ResponseEnvelopeReader"/>) with what the
/// pipeline knows about it, including whether the attempt repeats an uncertain one, so the errors it creates carry
/// that from the start. Releases the request and answer afterwards.
/// </summary>
internal sealed class ResponseReadPolicy : VaultPipelinePolicy
{
    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        try
        {
            await next().ConfigureAwait(false);
            var response = message.Response ?? throw new InvalidOperationException("The transport returned without an answer.");
            if (message.Request.StreamsResponse)
            {
                // The request timeout covers the headers only: a large body takes as long as the link needs.
                message.AttemptTimeout?.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            var context = new ResponseContext(
                message.RequestLine,
                message.Uri.Authority,
                (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                Header(response, "X-VaultAPI-ExecutionId"))
            {
                AfterUncertainAttempt = message.AfterUncertainAttempt,
            };
            await message.ReadAsync(response, context, message.AttemptToken).ConfigureAwait(false);
        }
        finally
        {
            message.EndAttempt();
        }
    }

    internal static string? Header(System.Net.Http.HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
