using System;
using System.Threading.Tasks;
using VaultStaging.Core.Transfer;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Link;
using VaultStaging.Tests.Support;
using VaultStaging.Tests.Transfer;
using Xunit;

namespace VaultStaging.Tests.Emulator;

/// <summary>The emulator's shaped link (--latency, --bandwidth): the arithmetic on a manual clock, and a real upload through it.</summary>
public sealed class LinkShapingTests
{
    [Theory]
    [InlineData("200Mbit", 25_000_000)]
    [InlineData("1Gbit", 125_000_000)]
    [InlineData("50mbit", 6_250_000)]
    [InlineData("25MB", 25_000_000)]
    [InlineData("10MiB/s", 10_485_760)]
    [InlineData("512kbit", 64_000)]
    public void Rates_parse_in_bits_or_bytes(string text, long bytesPerSecond)
        => Assert.Equal(bytesPerSecond, LinkProfile.ParseRate(text));

    [Theory]
    [InlineData("fast")]
    [InlineData("10 parsecs")]
    [InlineData("-5Mbit")]
    public void Bad_rates_are_refused(string text) => Assert.Throws<FormatException>(() => LinkProfile.ParseRate(text));

    [Fact]
    public void The_command_line_shapes_a_link()
    {
        var options = EmulatorCommandLine.Parse(new[] { "--latency", "80ms", "--bandwidth", "200Mbit" });

        Assert.Equal(new LinkProfile(TimeSpan.FromMilliseconds(80), 25_000_000), options.Link);
    }

    [Fact]
    public void Bytes_cross_one_after_another_at_the_rate_shared_by_every_stream()
    {
        var clock = new ManualClock();
        var pacer = new LinkPacer(1_000_000, clock); // 1 MB/s: 1,000 bytes per millisecond

        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.Reserve(100_000));
        Assert.Equal(TimeSpan.FromMilliseconds(150), pacer.Reserve(50_000)); // queued behind the first
        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(TimeSpan.FromMilliseconds(10), pacer.Reserve(10_000));
    }

    [Fact]
    public void A_late_wake_up_is_made_up_but_an_idle_line_saves_no_more_than_the_catch_up()
    {
        var clock = new ManualClock();
        var pacer = new LinkPacer(1_000_000, clock);
        pacer.Reserve(10_000); // due at 10 ms
        clock.Advance(TimeSpan.FromMilliseconds(30)); // the sleeper woke 20 ms late

        Assert.Equal(TimeSpan.Zero, pacer.Reserve(20_000)); // sent at once: the 20 ms are made up

        clock.Advance(TimeSpan.FromSeconds(10)); // idle: no credit beyond the catch-up
        Assert.Equal(TimeSpan.FromMilliseconds(100) - LinkPacer.CatchUp, pacer.Reserve(100_000));
    }

    [Fact]
    public async Task An_upload_through_a_shaped_link_is_staged_byte_identical()
    {
        await using var h = await TransferHarness.StartAsync(link: new LinkProfile(TimeSpan.FromMilliseconds(20), 50_000_000));
        var local = h.LocalFile("far.bin", 50_000, seed: 8);

        var result = await new FileUploader(h.Connection, TransferHarness.SessionOptions()).UploadAsync(new UploadRequest(local, "/u1000/far/far.bin"));

        Assert.Equal(UploadStatus.Staged, result.Status);
        Assert.Equal(RandomFile.Md5Of(local), h.StagedMd5("/u1000/far/far.bin"));
    }
}
