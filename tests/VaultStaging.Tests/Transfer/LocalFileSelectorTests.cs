using System.IO;
using System.Linq;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class LocalFileSelectorTests
{
    [Fact]
    public void A_file_goes_to_folder_and_name()
    {
        using var temp = new TempFolder();
        var file = RandomFile.Create(temp.Combine("report.pdf"), 10);

        var request = Assert.Single(LocalFileSelector.Select(new[] { file }, "/u1000/in/", recurse: false));

        Assert.Equal(file, request.LocalPath);
        Assert.Equal("/u1000/in/report.pdf", request.StagingPath);
    }

    [Fact]
    public void A_directory_keeps_its_layout_under_folder_and_its_own_name()
    {
        using var temp = new TempFolder();
        RandomFile.Create(temp.Combine(Path.Combine("batch", "a.txt")), 1);
        RandomFile.Create(temp.Combine(Path.Combine("batch", "sub", "b.txt")), 1);
        RandomFile.Create(temp.Combine(Path.Combine("batch", "sub", "deeper", "c.txt")), 1);
        Directory.CreateDirectory(temp.Combine(Path.Combine("batch", "empty", "x")));

        var requests = LocalFileSelector.Select(new[] { Path.Combine(temp.Path, "batch") }, "/in", recurse: true);

        Assert.Equal(
            new[] { "/in/batch/a.txt", "/in/batch/sub/b.txt", "/in/batch/sub/deeper/c.txt" },
            requests.Select(r => r.StagingPath).OrderBy(p => p, System.StringComparer.Ordinal));
        Assert.All(requests, r => Assert.True(File.Exists(r.LocalPath)));
    }

    [Fact]
    public void A_directory_without_recurse_is_refused()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<VaultStagingException>(() => LocalFileSelector.Select(new[] { temp.Path }, "/in", recurse: false));

        Assert.Equal("DirectoryNeedsRecurse", error.ErrorId);
        Assert.Equal(temp.Path, error.Target);
    }

    [Fact]
    public void A_missing_path_is_reported()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "nope.txt");

        var error = Assert.Throws<VaultStagingException>(() => LocalFileSelector.Select(new[] { missing }, "/in", recurse: true));

        Assert.Equal("LocalPathNotFound", error.ErrorId);
        Assert.Equal(VaultErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal(missing, error.Target);
    }

    [Fact]
    public void An_invalid_staging_folder_is_refused()
    {
        using var temp = new TempFolder();
        var file = RandomFile.Create(temp.Combine("a.txt"), 1);

        var error = Assert.Throws<VaultStagingException>(() => LocalFileSelector.Select(new[] { file }, "relative/folder", recurse: false));

        Assert.Equal("InvalidStagingPath", error.ErrorId);
    }

    [Fact]
    public void MapToStaging_uses_the_path_below_the_base()
    {
        using var temp = new TempFolder();
        var file = RandomFile.Create(temp.Combine(Path.Combine("root", "x", "y.txt")), 1);

        Assert.Equal("/in/x/y.txt", LocalFileSelector.MapToStaging(file, "/in", Path.Combine(temp.Path, "root")));
        Assert.Equal("/in/y.txt", LocalFileSelector.MapToStaging(file, "/in", null));
        var error = Assert.Throws<VaultStagingException>(() => LocalFileSelector.MapToStaging(file, "/in", Path.Combine(temp.Path, "other")));
        Assert.Equal("LocalPathOutsideBase", error.ErrorId);
    }
}
