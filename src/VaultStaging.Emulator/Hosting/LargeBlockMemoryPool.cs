using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.AspNetCore.Connections;

namespace VaultStaging.Emulator.Hosting;

/// <summary>
/// Hands Kestrel 64 KiB blocks instead of its default 4 KiB ones. The socket transport receives into one block at a
/// time, so with 4 KiB blocks a 12 MiB part took ~3,000 receive calls and as many pipe hand-offs, and the emulator,
/// not the client, set the pace of every large upload on a small machine.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    private readonly ConcurrentBag<byte[]> free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"Blocks are {BlockSize} bytes.");
        }

        var array = free.TryTake(out var reused) ? reused : GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        return new Block(this, array);
    }

    protected override void Dispose(bool disposing) => free.Clear();

    private sealed class Block : IMemoryOwner<byte>
    {
        private readonly LargeBlockMemoryPool pool;
        private byte[]? array;

        public Block(LargeBlockMemoryPool pool, byte[] array)
        {
            this.pool = pool;
            this.array = array;
        }

        public Memory<byte> Memory => array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref array, null) is { } returned)
            {
                pool.free.Add(returned);
            }
        }
    }
}

/// <summary>Kestrel takes its memory pools from this factory when it is registered.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
