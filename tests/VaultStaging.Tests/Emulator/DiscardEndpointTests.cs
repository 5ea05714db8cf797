using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace VaultStaging.Tests.Emulator;

public sealed class DiscardEndpointTests
{
    [Fact]
    public async Task Put_reads_the_whole_body_and_answers_204_with_the_byte_count()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var body = EmulatorHarness.RandomBytes(3 * 1024 * 1024 + 17);

        using var response = await h.Http.PutAsync("_emulator/discard", new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal((3 * 1024 * 1024 + 17).ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Emulator-Bytes-Read").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_with_an_empty_body_discards_nothing_and_is_not_logged_or_stored()
    {
        await using var h = await EmulatorHarness.StartAsync();

        using var response = await h.Http.PutAsync("_emulator/discard", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("X-Emulator-Bytes-Read").Single());
        Assert.Empty(h.Server.Requests);
        Assert.DoesNotContain(h.Server.State.Items, item => item.Path.Contains("discard", StringComparison.OrdinalIgnoreCase));
    }
}
