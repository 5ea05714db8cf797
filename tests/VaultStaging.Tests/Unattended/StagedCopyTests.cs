using System;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Unattended;

/// <summary>What skip and update compare: size, and the local last-write time against the staged modified date.</summary>
public sealed class StagedCopyTests
{
    private static readonly DateTime Written = new(2026, 11, 30, 22, 0, 0, 400, DateTimeKind.Utc);

    [Fact]
    public void Same_size_staged_after_the_last_write_is_identical()
        => Assert.True(StagedCopy.IsIdentical(10, Written, Staged(10, Written.AddMinutes(1))));

    [Fact]
    public void Staged_in_the_same_second_as_the_write_is_identical_even_when_the_date_has_no_fraction()
        => Assert.True(StagedCopy.IsIdentical(10, Written, Staged(10, new DateTime(2026, 11, 30, 22, 0, 0, DateTimeKind.Utc))));

    [Fact]
    public void Written_after_it_was_staged_differs()
        => Assert.False(StagedCopy.IsIdentical(10, Written, Staged(10, Written.AddSeconds(-2))));

    [Fact]
    public void Another_size_differs()
        => Assert.False(StagedCopy.IsIdentical(11, Written, Staged(10, Written.AddHours(1))));

    [Fact]
    public void A_staged_copy_without_a_modified_date_or_a_folder_is_never_identical()
    {
        Assert.False(StagedCopy.IsIdentical(10, Written, new StagingItem { Kind = StagingItemKind.File, Size = 10 }));
        Assert.False(StagedCopy.IsIdentical(10, Written, new StagingItem { Kind = StagingItemKind.Folder, ModifiedDate = Written.AddHours(1) }));
    }

    private static StagingItem Staged(long size, DateTime modified)
        => new() { Kind = StagingItemKind.File, Path = "/in/a.txt", Name = "a.txt", Size = size, ModifiedDate = new DateTimeOffset(modified) };
}
