using System;
using System.Security.Cryptography;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// MD5 (RFC 1321) in managed code, for when the platform refuses its own: .NET Framework throws from MD5.Create()
/// when Windows' FIPS policy is on. MD5 here is the integrity check the Vault API requires (Content-MD5 of every
/// part), not a security function, so computing it this way is correct under that policy.
/// </summary>
internal sealed class ManagedMd5 : HashAlgorithm
{
    private static readonly uint[] K =
    {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
        0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
        0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
        0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
        0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
        0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
        0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
        0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    };

    private static readonly int[] S =
    {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    };

    private readonly uint[] state = new uint[4];
    private readonly uint[] words = new uint[16];
    private readonly byte[] pending = new byte[64];
    private int pendingCount;
    private long length;

    public ManagedMd5()
    {
        HashSizeValue = 128;
        Initialize();
    }

    public override void Initialize()
    {
        state[0] = 0x67452301;
        state[1] = 0xefcdab89;
        state[2] = 0x98badcfe;
        state[3] = 0x10325476;
        pendingCount = 0;
        length = 0;
    }

    protected override void HashCore(byte[] array, int ibStart, int cbSize)
    {
        length += cbSize;
        if (pendingCount > 0)
        {
            var take = Math.Min(64 - pendingCount, cbSize);
            Buffer.BlockCopy(array, ibStart, pending, pendingCount, take);
            pendingCount += take;
            ibStart += take;
            cbSize -= take;
            if (pendingCount < 64)
            {
                return;
            }

            Block(pending, 0);
            pendingCount = 0;
        }

        while (cbSize >= 64)
        {
            Block(array, ibStart);
            ibStart += 64;
            cbSize -= 64;
        }

        if (cbSize > 0)
        {
            Buffer.BlockCopy(array, ibStart, pending, 0, cbSize);
            pendingCount = cbSize;
        }
    }

    protected override byte[] HashFinal()
    {
        // Padding: 0x80, zeros up to 56 mod 64, then the message length in bits, little-endian.
        var bits = unchecked((ulong)length * 8);
        var padLength = pendingCount < 56 ? 56 - pendingCount : 120 - pendingCount;
        var padding = new byte[padLength + 8];
        padding[0] = 0x80;
        for (var i = 0; i < 8; i++)
        {
            padding[padLength + i] = (byte)(bits >> (8 * i));
        }

        HashCore(padding, 0, padding.Length);
        var digest = new byte[16];
        for (var i = 0; i < 4; i++)
        {
            digest[i * 4] = (byte)state[i];
            digest[(i * 4) + 1] = (byte)(state[i] >> 8);
            digest[(i * 4) + 2] = (byte)(state[i] >> 16);
            digest[(i * 4) + 3] = (byte)(state[i] >> 24);
        }

        Initialize();
        return digest;
    }

    private void Block(byte[] data, int offset)
    {
        for (var i = 0; i < 16; i++)
        {
            var at = offset + (i * 4);
            words[i] = (uint)(data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24));
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3];
        unchecked
        {
            for (var i = 0; i < 64; i++)
            {
                uint f;
                int g;
                if (i < 16)
                {
                    f = (b & c) | (~b & d);
                    g = i;
                }
                else if (i < 32)
                {
                    f = (d & b) | (~d & c);
                    g = ((5 * i) + 1) & 15;
                }
                else if (i < 48)
                {
                    f = b ^ c ^ d;
                    g = ((3 * i) + 5) & 15;
                }
                else
                {
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                }

                var rotated = a + f + K[i] + words[g];
                var next = d;
                d = c;
                c = b;
                b += (rotated << S[i]) | (rotated >> (32 - S[i]));
                a = next;
            }

            state[0] += a;
            state[1] += b;
            state[2] += c;
            state[3] += d;
        }
    }
}
