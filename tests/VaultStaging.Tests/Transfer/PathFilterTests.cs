using System.IO;
using System.Linq;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class PathFilterTests
{
    [Theory]
    [InlineData("*.tmp", "a.tmp", true)]
    [InlineData("*.tmp", "deep/er/a.tmp", true)]
    [InlineData("*.tmp", "a.tmp.pdf", false)]
    [InlineData("logs/**", "logs/x/y.txt", true)]
    [InlineData("logs/**", "sub/logs/y.txt", false)]
    [InlineData("**/draft/*.pdf", "draft/a.pdf", true)]
    [InlineData("**/draft/*.pdf", "x/y/draft/a.pdf", true)]
    [InlineData("**/draft/*.pdf", "x/draft/sub/a.pdf", false)]
    [InlineData("scan-??.pdf", "scan-01.pdf", true)]
    [InlineData("scan-??.pdf", "scan-1.pdf", false)]
    [InlineData("[ab]*.txt", "b1.txt", true)]
    [InlineData("[!ab]*.txt", "b1.txt", false)]
    public void Globs_match_the_relative_path(string pattern, string path, bool matches)
        => Assert.Equal(matches, !new PathFilter(null, new[] { pattern }).Takes(path));

    [Fact]
    public void Excludes_win_over_includes_and_includes_narrow()
    {
        var filter = new PathFilter(new[] { "*.pdf" }, new[] { "**/old/**" });

        Assert.True(filter.Takes("a.pdf"));
        Assert.False(filter.Takes("a.txt"));
        Assert.False(filter.Takes("x/old/a.pdf"));
    }

    [Fact]
    public void An_exclude_file_skips_blank_lines_and_comments()
    {
        using var temp = new TempFolder("vaultstaging-filter");
        var file = temp.Combine("excludes.txt");
        File.WriteAllLines(file, new[] { "# scratch files", "", "*.tmp", "  cache/**  " });

        Assert.Equal(new[] { "*.tmp", "cache/**" }, PathFilter.ReadPatternFile(file));
        Assert.Equal("PatternFileUnreadable", Assert.Throws<VaultStagingException>(() => PathFilter.ReadPatternFile(temp.Combine("missing.txt"))).ErrorId);
    }

    [Fact]
    public void The_selector_applies_the_filter_below_the_folder_given_and_counts_what_it_left_out()
    {
        using var temp = new TempFolder("vaultstaging-filter");
        RandomFile.Create(temp.Combine("data/keep.pdf"), 10);
        RandomFile.Create(temp.Combine("data/skip.tmp"), 10);
        RandomFile.Create(temp.Combine("data/logs/x.pdf"), 10);

        var selection = LocalFileSelector.Select(new[] { temp.Combine("data") }, "/in", recurse: true, followLinks: false, new PathFilter(null, new[] { "*.tmp", "logs/**" }));

        Assert.Equal(new[] { "/in/data/keep.pdf" }, selection.Requests.Select(r => r.StagingPath));
        Assert.Equal(2, selection.Excluded.Count);
    }
}
