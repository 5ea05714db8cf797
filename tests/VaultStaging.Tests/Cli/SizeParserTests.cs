using VaultStaging.Cli;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class SizeParserTests
{
    [Theory]
    [InlineData("20000000", 20_000_000)]
    [InlineData("8MiB", 8L * 1024 * 1024)]
    [InlineData("8 mib", 8L * 1024 * 1024)]
    [InlineData("16MB", 16_000_000)]
    [InlineData("16M", 16L * 1024 * 1024)]
    [InlineData("1.5GiB", 1_610_612_736)]
    [InlineData("512KB", 512_000)]
    [InlineData("100B", 100)]
    public void Parses_plain_decimal_and_binary_sizes(string text, long expected)
    {
        Assert.True(SizeParser.TryParse(text, out long bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("8XB")]
    [InlineData("-5MB")]
    [InlineData("0")]
    [InlineData("1e6")]
    public void Rejects_what_is_not_a_positive_size(string text)
        => Assert.False(SizeParser.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1_258_291, "1.2 MiB")]
    [InlineData(220_520_000, "210.3 MiB")]
    public void Formats_binary_sizes(long bytes, string expected)
        => Assert.Equal(expected, SizeFormat.Bytes(bytes));
}
