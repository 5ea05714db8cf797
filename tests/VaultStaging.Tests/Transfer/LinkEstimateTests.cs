using System;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class LinkEstimateTests
{
    private static readonly PartLimits V26_1 = new();

    [Fact]
    public void A_loopback_or_lan_link_keeps_the_default_part_size()
    {
        var link = new LinkEstimate(() => TimeSpan.FromMilliseconds(0.2));
        link.ObservePart(12 * PartLimits.MiB, TimeSpan.FromMilliseconds(25)); // ~500 MB/s

        Assert.Equal(PartPlan.DefaultPartSize, link.PartSizeFor(V26_1));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(80)]
    [InlineData(150)]
    public void A_far_link_gets_the_api_maximum_before_any_part_was_measured(int roundTripMs)
    {
        var link = new LinkEstimate(() => TimeSpan.FromMilliseconds(roundTripMs));

        Assert.Equal(50_000_000, link.PartSizeFor(V26_1));
        Assert.Equal(52_000_000, link.PartSizeFor(PartLimits.ForApiVersion("v26.2")));
    }

    [Fact]
    public void Between_the_two_a_part_takes_nineteen_round_trips_to_send()
    {
        var link = new LinkEstimate(() => TimeSpan.FromMilliseconds(3));
        link.ObservePart(100_000_000, TimeSpan.FromSeconds(1)); // 100 MB/s: a product of 300 KB

        var partSize = link.PartSizeFor(V26_1);

        Assert.Equal(PartPlan.DefaultPartSize, partSize); // 5.4 MiB wanted; never below the default
        link.ObservePart(400_000_000, TimeSpan.FromSeconds(2)); // 200 MB/s: 600 KB, far enough for the maximum
        Assert.Equal(50_000_000, link.PartSizeFor(V26_1));
    }

    [Fact]
    public void The_rate_is_the_best_a_part_reached()
    {
        var link = new LinkEstimate(() => TimeSpan.FromMilliseconds(1));
        link.ObservePart(10_000_000, TimeSpan.FromSeconds(1));
        link.ObservePart(1_000_000, TimeSpan.FromSeconds(1));
        link.ObservePart(5, TimeSpan.Zero);

        Assert.Equal(10_000_000, link.BytesPerSecond);
    }
}
