using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VaultStaging.Emulator.Link;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Emulator;

/// <summary>The shaped link's TCP costs: slow start's rounds and the handshake on a manual clock, and the handshake paid once per connection.</summary>
public sealed class TcpConnectionModelTests
{
    private static readonly TimeSpan Rtt = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void The_first_round_carries_the_initial_window_and_more_waits_for_the_next_round()
    {
        var clock = new ManualClock();
        var window = new CongestionWindow(Rtt, 1_000_000, clock); // bandwidth-delay product 100,000 bytes

        Assert.Equal(TimeSpan.Zero, window.Reserve(14_600));
        Assert.Equal(Rtt, window.Reserve(1));
        Assert.Equal(29_200, window.Window); // the filled round doubled it
    }

    [Fact]
    public void A_send_larger_than_the_window_spans_rounds()
    {
        var clock = new ManualClock();
        var window = new CongestionWindow(Rtt, 1_000_000, clock);

        Assert.Equal(2 * Rtt, window.Reserve(14_600 + 29_200 + 1));
        Assert.Equal(58_400, window.Window);

        clock.Advance(TimeSpan.FromMilliseconds(150)); // half way to the third round's start
        Assert.Equal(TimeSpan.FromMilliseconds(50), window.Reserve(1_000));
    }

    [Fact]
    public void A_round_that_did_not_fill_the_window_does_not_grow_it()
    {
        var clock = new ManualClock();
        var window = new CongestionWindow(Rtt, 1_000_000, clock);
        window.Reserve(10_000);

        clock.Advance(TimeSpan.FromMilliseconds(150)); // idle past the round's end: a new round starts now
        Assert.Equal(TimeSpan.Zero, window.Reserve(14_600));
        Assert.Equal(CongestionWindow.InitialWindow, window.Window);
        Assert.Equal(Rtt, window.Reserve(1));
    }

    [Fact]
    public void The_window_opens_at_the_bandwidth_delay_product_and_then_never_waits()
    {
        var clock = new ManualClock();
        var window = new CongestionWindow(Rtt, 1_000_000, clock);

        // 14,600 + 29,200 + 58,400 bytes in three rounds; the fourth round's window (116,800) is open.
        Assert.Equal(2 * Rtt, window.Reserve(102_200));
        Assert.False(window.IsOpen);
        Assert.Equal(3 * Rtt, window.Reserve(1));
        Assert.True(window.IsOpen);
        Assert.Equal(TimeSpan.Zero, window.Reserve(10_000_000));
    }

    [Theory]
    [InlineData(20, 125_000_000, 8)]  // 20 ms, 1 Gbit/s: BDP 2.5 MB
    [InlineData(80, 25_000_000, 8)]   // 80 ms, 200 Mbit/s: BDP 2 MB
    [InlineData(150, 6_250_000, 7)]   // 150 ms, 50 Mbit/s: BDP 0.94 MB
    public void Slow_start_on_the_benchmark_links_takes_several_round_trips(int rttMs, long bytesPerSecond, int rounds)
    {
        var rtt = TimeSpan.FromMilliseconds(rttMs);
        var window = new CongestionWindow(rtt, bytesPerSecond, new ManualClock());

        var wait = window.Reserve(12 * 1024 * 1024); // one part of the curl flow on a new connection

        Assert.True(window.IsOpen);
        Assert.Equal(rounds * rtt, wait);
    }

    [Fact]
    public void A_connection_used_at_once_waits_the_whole_handshake_and_later_requests_none()
    {
        var connection = new TcpConnection(new LinkProfile(Rtt, null), new ManualClock());

        Assert.Equal(Rtt, connection.TakeHandshakeWait());
        Assert.Null(connection.TakeHandshakeWait());
    }

    [Fact]
    public void A_connection_opened_ahead_has_paid_the_handshake_by_the_time_it_is_used()
    {
        var clock = new ManualClock();
        var early = new TcpConnection(new LinkProfile(Rtt, null), clock);
        clock.Advance(TimeSpan.FromMilliseconds(40));
        var late = new TcpConnection(new LinkProfile(Rtt, null), clock);
        clock.Advance(TimeSpan.FromMilliseconds(70));

        Assert.Equal(TimeSpan.Zero, early.TakeHandshakeWait());
        Assert.Equal(TimeSpan.FromMilliseconds(30), late.TakeHandshakeWait());
    }

    [Fact]
    public async Task A_kept_alive_connection_pays_the_handshake_once_and_a_new_connection_pays_it_again()
    {
        var shaper = new LinkShaper(new LinkProfile(TimeSpan.FromMilliseconds(20), 50_000_000));
        await using var app = await StartAsync(shaper);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using (var client = new HttpClient())
        {
            Assert.Equal("ok", await client.GetStringAsync(url));
            Assert.Equal("ok", await client.GetStringAsync(url));
            Assert.Equal(1, shaper.ConnectionsOpened);
        }

        using (var other = new HttpClient())
        {
            Assert.Equal("ok", await other.GetStringAsync(url));
            Assert.Equal(2, shaper.ConnectionsOpened);
        }
    }

    private static async Task<WebApplication> StartAsync(LinkShaper shaper)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(shaper.OnConnectionOpened)));
        var app = builder.Build();
        app.Use(shaper.InvokeAsync);
        app.Run(http => http.Response.WriteAsync("ok"));
        await app.StartAsync();
        return app;
    }
}
