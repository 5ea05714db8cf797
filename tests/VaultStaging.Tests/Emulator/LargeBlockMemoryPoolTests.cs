using System;
using System.Runtime.InteropServices;
using VaultStaging.Emulator.Hosting;
using Xunit;

namespace VaultStaging.Tests.Emulator;

public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Every_block_is_64_KiB_and_a_returned_block_is_reused()
    {
        using var pool = new LargeBlockMemoryPool();
        var first = pool.Rent(4096);
        Assert.Equal(LargeBlockMemoryPool.BlockSize, first.Memory.Length);
        Assert.True(MemoryMarshal.TryGetArray<byte>(first.Memory, out var firstArray));

        first.Dispose();
        first.Dispose(); // a second dispose must not return the block twice
        using var second = pool.Rent();
        using var third = pool.Rent();

        Assert.True(MemoryMarshal.TryGetArray<byte>(second.Memory, out var secondArray));
        Assert.True(MemoryMarshal.TryGetArray<byte>(third.Memory, out var thirdArray));
        Assert.Same(firstArray.Array, secondArray.Array);
        Assert.NotSame(secondArray.Array, thirdArray.Array);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockSize + 1));
    }
}
