using System.Linq;
using VaultStaging.Core;
using VaultStaging.Core.Staging;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class StagingPathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a", "/a")]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("/u1000/Folder With Spaces/file (1).txt", "/u1000/Folder With Spaces/file (1).txt")]
    [InlineData("/données/日本.pdf", "/données/日本.pdf")]
    public void Normalizes_valid_paths(string input, string expected)
        => Assert.Equal(expected, StagingPath.Normalize(input));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a/b", "relative")]
    [InlineData("/a//b", "empty segment")]
    [InlineData("/a/./b", "'.'")]
    [InlineData("/a/../b", "'..'")]
    [InlineData("/a/b\\c", "'\\'")]
    [InlineData("/a:b", "':'")]
    [InlineData("/a*", "'*'")]
    [InlineData("/a?", "'?'")]
    [InlineData("/a\"b", "'\"'")]
    [InlineData("/a<b", "'<'")]
    [InlineData("/a>b", "'>'")]
    [InlineData("/a|b", "'|'")]
    [InlineData("/a\tb", "control character")]
    [InlineData("/a\u0001b", "control character")]
    public void Rejects_invalid_paths_naming_the_path_and_the_rule(string input, string rule)
    {
        var error = Assert.Throws<VaultStagingException>(() => StagingPath.Normalize(input));

        Assert.Equal("InvalidStagingPath", error.ErrorId);
        Assert.Equal(VaultErrorCategory.InvalidArgument, error.Category);
        Assert.Contains($"'{input}'", error.Message);
        Assert.Contains(rule, error.Message);
        Assert.Equal(input, error.Target);
    }

    [Fact]
    public void Counts_name_length_in_UTF8_bytes()
    {
        var ascii218 = new string('a', 218);
        Assert.Equal("/" + ascii218, StagingPath.Normalize("/" + ascii218));

        var twoByte110 = string.Concat(Enumerable.Repeat("é", 110)); // 220 bytes, 110 characters
        var error = Assert.Throws<VaultStagingException>(() => StagingPath.Normalize("/x/" + twoByte110));
        Assert.Equal("InvalidStagingPath", error.ErrorId);
        Assert.Contains("220 UTF-8 bytes", error.Message);
    }

    [Theory]
    [InlineData("/", "a.txt", "/a.txt")]
    [InlineData("/in", "a.txt", "/in/a.txt")]
    [InlineData("/in/", "sub\\dir\\a.txt", "/in/sub/dir/a.txt")]
    [InlineData("/in", "/a.txt", "/in/a.txt")]
    [InlineData("/in", "", "/in")]
    public void Combines_folder_and_relative_path(string folder, string relative, string expected)
        => Assert.Equal(expected, StagingPath.Combine(folder, relative));

    [Fact]
    public void Combine_rejects_escaping_the_folder()
        => Assert.Equal("InvalidStagingPath", Assert.Throws<VaultStagingException>(() => StagingPath.Combine("/in", "../x")).ErrorId);

    [Theory]
    [InlineData("/a/b/c.txt", "/a/b", "c.txt")]
    [InlineData("/c.txt", "/", "c.txt")]
    [InlineData("/a/b/", "/a", "b")]
    [InlineData("/", "/", "")]
    public void Splits_parent_and_name(string path, string parent, string name)
    {
        Assert.Equal(parent, StagingPath.GetParent(path));
        Assert.Equal(name, StagingPath.GetName(path));
    }
}
