using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class PartPlanTests
{
    private const long MiB = PartLimits.MiB;
    private static readonly PartLimits Classic = PartLimits.ForApiVersion("v26.1");

    [Fact]
    public void Uses_the_default_part_size_for_ordinary_files()
    {
        var plan = PartPlan.Create((7 * PartPlan.DefaultPartSize) + 1, Classic);

        Assert.Equal(PartPlan.DefaultPartSize, plan.PartSize);
        Assert.Equal(8, plan.PartCount);
        Assert.Equal(1, plan.LengthOf(8));
        Assert.Equal(7 * PartPlan.DefaultPartSize, plan.OffsetOf(8));
    }

    [Fact]
    public void Raises_the_part_size_to_a_whole_MiB_so_big_files_stay_within_the_part_count()
    {
        long size = 60L * 1024 * MiB; // 60 GiB: 12 MiB parts would need 5120
        var plan = PartPlan.Create(size, Classic);

        Assert.True(plan.PartCount <= Classic.MaxParts);
        Assert.Equal(0, plan.PartSize % MiB);
        Assert.Equal(31 * MiB, plan.PartSize); // ceil(60 GiB / 2000) = 30.72 MiB
        Assert.True(plan.PartSize * plan.PartCount >= size);
    }

    [Fact]
    public void Never_raises_above_the_maximum_part_size()
    {
        long size = Classic.MaxParts * Classic.MaxPartSize; // exactly the capacity
        var plan = PartPlan.Create(size, Classic);

        Assert.Equal(Classic.MaxPartSize, plan.PartSize);
        Assert.Equal(Classic.MaxParts, plan.PartCount);
    }

    [Fact]
    public void Refuses_500_GB_with_2000_parts_and_names_the_capacity_and_the_newer_version()
    {
        var error = Assert.Throws<VaultStagingException>(() => PartPlan.Create(500_000_000_000, Classic));

        Assert.Equal("FileTooLarge", error.ErrorId);
        Assert.Equal(VaultErrorCategory.LimitsExceeded, error.Category);
        Assert.Contains("100,000,000,000 bytes", error.Message);
        Assert.Contains("2,000 parts", error.Message);
        Assert.Contains("v26.2", error.Message);
    }

    [Fact]
    public void Fits_500_GB_under_the_26_2_limits()
    {
        var limits = PartLimits.ForApiVersion("v26.2");
        var plan = PartPlan.Create(500_000_000_000, limits);

        Assert.Equal(9616, limits.MaxParts);
        Assert.Equal(52_000_000, limits.MaxPartSize);
        Assert.True(plan.PartCount <= 9616);
        Assert.True(plan.PartSize <= 52_000_000);
        Assert.True(plan.PartSize * plan.PartCount >= 500_000_000_000);
    }

    [Fact]
    public void Refuses_files_above_the_maximum_file_size_without_suggesting_a_version()
    {
        var error = Assert.Throws<VaultStagingException>(() => PartPlan.Create(500_000_000_001, PartLimits.ForApiVersion("v26.2")));

        Assert.Equal("FileTooLarge", error.ErrorId);
        Assert.DoesNotContain("v26.2 or later", error.Message);
    }

    [Theory]
    [InlineData("v20.3", 2000, 50_000_000)]
    [InlineData("v26.1", 2000, 50_000_000)]
    [InlineData("v26.2", 9616, 52_000_000)]
    [InlineData("v26.3", 9616, 52_000_000)]
    [InlineData("v27.1", 9616, 52_000_000)]
    public void Limits_follow_the_api_version(string version, int maxParts, long maxPartSize)
    {
        var limits = PartLimits.ForApiVersion(version);

        Assert.Equal(maxParts, limits.MaxParts);
        Assert.Equal(maxPartSize, limits.MaxPartSize);
        Assert.Equal(5 * MiB, limits.MinPartSize);
    }

    [Theory]
    [InlineData("26.1")]
    [InlineData("v26")]
    [InlineData("latest")]
    [InlineData("")]
    public void Rejects_malformed_api_versions(string version)
    {
        var error = Assert.Throws<VaultStagingException>(() => PartLimits.ForApiVersion(version));
        Assert.Equal("InvalidApiVersion", error.ErrorId);
    }

    [Theory]
    [InlineData(5 * MiB - 1)]
    [InlineData(50_000_001)]
    [InlineData(0)]
    public void Rejects_requested_part_sizes_outside_the_limits(long requested)
    {
        var error = Assert.Throws<VaultStagingException>(() => PartPlan.Create(100 * MiB, Classic, requested));

        Assert.Equal("InvalidPartSize", error.ErrorId);
        Assert.Equal(VaultErrorCategory.InvalidArgument, error.Category);
        Assert.Contains("5,242,880", error.Message);
    }

    [Fact]
    public void Keeps_a_valid_requested_part_size_exactly()
    {
        var plan = PartPlan.Create(100 * MiB, Classic, 6_000_000);

        Assert.Equal(6_000_000, plan.PartSize);
        Assert.Equal(18, plan.PartCount);
    }

    [Fact]
    public void An_empty_file_has_no_parts()
    {
        var plan = PartPlan.Create(0, Classic);

        Assert.Equal(0, plan.PartCount);
        Assert.Equal(0, plan.FileSize);
    }

    [Fact]
    public void A_default_larger_than_small_test_limits_is_clamped_not_refused()
    {
        var limits = new PartLimits { MinPartSize = 1024, MaxPartSize = 8192, MaxParts = 100 };
        var plan = PartPlan.Create(20_000, limits);

        Assert.Equal(8192, plan.PartSize);
        Assert.Equal(3, plan.PartCount);
        Assert.Equal(20_000 - (2 * 8192), plan.LengthOf(3));
    }
}
