using System;
using System.Net.Http;
using System.Threading.Tasks;
using VaultStaging.Cli;
using VaultStaging.Emulator;
using Xunit;

namespace VaultStaging.Tests.Cli;

/// <summary>The command's handler takes the connections opened ahead before it connects by itself, and closes them all.</summary>
public sealed class ConnectionsAheadTests
{
    [Fact]
    public async Task Requests_take_the_connections_opened_ahead_and_dispose_closes_every_one()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        var connections = new ConnectionsAhead(server.BaseUrl, maxConnections: 8);
        using var http = new HttpClient(connections.Handler, disposeHandler: false);

        connections.OpenAhead(2);
        connections.OpenAhead(2); // already open or opening: nothing more
        Assert.Equal(2, connections.Live);

        var url = new Uri(server.BaseUrl, "_emulator/requests");
        await Task.WhenAll(http.GetStringAsync(url), http.GetStringAsync(url));
        Assert.Equal(2, connections.Live); // a connection made on demand would be a third

        connections.Dispose();
        Assert.Equal(0, connections.Live);
    }
}
