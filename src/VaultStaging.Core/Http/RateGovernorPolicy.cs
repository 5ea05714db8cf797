using System;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>Waits for the <see cref="RateGovernor"/>'s turn before each attempt and feeds it every answer's burst headers.</summary>
internal sealed class RateGovernorPolicy : VaultPipelinePolicy
{
    private readonly RateGovernor governor;

    public RateGovernorPolicy(RateGovernor governor) => this.governor = governor;

    public override async Task ProcessAsync(VaultMessage message, Func<Task> next)
    {
        await governor.WaitTurnAsync(message.CancellationToken).ConfigureAwait(false);
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            if (message.Response is { } response)
            {
                governor.Observe(response.Headers, message.RequestLine);
            }
        }
    }
}
