using System.IO;
using VaultStaging.Core;
using VaultStaging.Core.Transfer;
using VaultStaging.Tests.Support;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class FileToStageTests
{
    [Fact]
    public void Prepares_the_normalized_path_the_snapshot_and_the_limits_once()
    {
        using var temp = new TempFolder();
        var local = temp.Combine("a.bin");
        File.WriteAllBytes(local, new byte[1234]);
        var limits = new PartLimits();

        var file = FileToStage.Prepare(new UploadRequest(local, "/inbound/a.bin/"), limits);

        Assert.Equal("/inbound/a.bin", file.StagingPath);
        Assert.Equal(local, file.LocalPath);
        Assert.Equal(1234, file.Length);
        Assert.Same(limits, file.Limits);
    }

    [Fact]
    public void A_name_Vault_would_refuse_fails_before_the_file_is_looked_at_naming_the_local_file()
    {
        var error = Assert.Throws<VaultStagingException>(
            () => FileToStage.Prepare(new UploadRequest("/no/such/file.bin", "/inbound/a:b.bin"), new PartLimits()));

        Assert.Equal("InvalidStagingPath", error.ErrorId);
        Assert.Equal("/no/such/file.bin", error.Target);
    }

    [Fact]
    public void A_missing_local_file_fails_once_the_path_is_valid()
    {
        var error = Assert.Throws<VaultStagingException>(
            () => FileToStage.Prepare(new UploadRequest("/no/such/file.bin", "/inbound/a.bin"), new PartLimits()));

        Assert.Equal("LocalFileNotFound", error.ErrorId);
    }
}
