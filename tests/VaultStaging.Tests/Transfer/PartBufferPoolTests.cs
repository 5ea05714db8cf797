using System.Threading.Tasks;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Transfer;

public sealed class PartBufferPoolTests
{
    [Fact]
    public async Task An_array_returned_on_another_thread_is_the_next_one_rented()
    {
        var pool = new PartBufferPool();
        var first = pool.Rent(4096);

        await Task.Run(() => pool.Return(first));

        Assert.Same(first, await Task.Run(() => pool.Rent(4096)));
    }

    [Fact]
    public void A_short_last_part_reuses_a_full_part_array()
    {
        var pool = new PartBufferPool();
        var full = pool.Rent(4096);
        pool.Return(full);

        Assert.Same(full, pool.Rent(100));
    }

    [Fact]
    public void Larger_parts_replace_smaller_arrays_instead_of_adding_to_them()
    {
        var pool = new PartBufferPool();
        var small = pool.Rent(1024);
        pool.Return(small);

        var large = pool.Rent(4096);
        pool.Return(large);

        Assert.Same(large, pool.Rent(1024));
        Assert.NotSame(small, pool.Rent(1024)); // the small one was dropped when the large one was made
    }
}
