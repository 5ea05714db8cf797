using System;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// One concern of sending a request (retry, session renewal, rate governor, timeout, reading, logging, transport), as
/// in Azure.Core's HttpPipelinePolicy: it does its part around <c>next</c>, which runs the policies after it.
/// </summary>
internal abstract class VaultPipelinePolicy
{
    public abstract Task ProcessAsync(VaultMessage message, Func<Task> next);
}
