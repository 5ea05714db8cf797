using System;
using System.Linq;
using System.Security.Cryptography;
using System.Reflection;
using System.Text;
using VaultStaging.Core.Transfer;
using Xunit;

namespace VaultStaging.Tests.Transfer;

/// <summary>Issue 12 point 9: the managed MD5 used when the platform's is refused (FIPS policy on .NET Framework).</summary>
public sealed class ManagedMd5Tests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Rfc1321TestSuite(string message, string expected)
    {
        using var md5 = new ManagedMd5();

        Assert.Equal(expected, Convert.ToHexStringLower(md5.ComputeHash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void MatchesThePlatformMd5_OnRandomDataOfManyLengths_FedWholeAndInPieces()
    {
        var random = new Random(1321);
        var lengths = new System.Collections.Generic.List<int>();
        for (var n = 0; n <= 300; n++)
        {
            lengths.Add(n); // every padding case around the 56/64-byte boundaries
        }

        lengths.AddRange(new[] { 1023, 1024, 1025, 65535, 65536, 65537, 1_000_003, 5 * 1024 * 1024 + 7 });
        using var managed = new ManagedMd5();
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = MD5.HashData(data);

            Assert.Equal(expected, managed.ComputeHash(data));

            // The way parts and files are hashed: TransformBlock in uneven pieces, then an empty final block.
            var offset = 0;
            while (offset < length)
            {
                var piece = Math.Min(length - offset, random.Next(1, 200));
                managed.TransformBlock(data, offset, piece, null, 0);
                offset += piece;
            }

            Assert.Equal(expected, Md5.Finish(managed));
        }
    }

    [Fact]
    public void Create_FallsBackToManaged_WhenThePlatformRefuses_AndRemembersIt()
    {
        Md5.ResetForTests();
        try
        {
            var calls = 0;
            HashAlgorithm Refusing()
            {
                calls++;
                throw new TargetInvocationException(new InvalidOperationException("This implementation is not part of the Windows Platform FIPS validated cryptographic algorithms."));
            }

            using var first = Md5.Create(Refusing);
            using var second = Md5.Create(Refusing);

            Assert.IsType<ManagedMd5>(first);
            Assert.IsType<ManagedMd5>(second);
            Assert.Equal(1, calls);
            Assert.Equal(MD5.HashData(new byte[] { 1, 2, 3 }), first.ComputeHash(new byte[] { 1, 2, 3 }));
        }
        finally
        {
            Md5.ResetForTests();
        }

        using var platform = Md5.Create();
        Assert.IsNotType<ManagedMd5>(platform);
    }

    [Fact]
    public void Every_md5_of_the_engine_goes_through_the_fallback()
    {
        var root = AppContext.BaseDirectory;
        while (!System.IO.File.Exists(System.IO.Path.Combine(root, "VaultStaging.sln")))
        {
            root = System.IO.Path.GetDirectoryName(root.TrimEnd(System.IO.Path.DirectorySeparatorChar))!;
        }

        var engine = System.IO.Path.Combine(root, "src", "VaultStaging.Core");
        var direct = System.IO.Directory.EnumerateFiles(engine, "*.cs", System.IO.SearchOption.AllDirectories)
            .Where(f => !f.Contains(System.IO.Path.DirectorySeparatorChar + "obj" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => System.IO.Path.GetFileName(f) is not ("Md5.cs" or "ManagedMd5.cs"))
            .Where(f => System.IO.File.ReadAllText(f).Contains("MD5.Create()", StringComparison.Ordinal) || System.IO.File.ReadAllText(f).Contains("IncrementalHash.CreateHash", StringComparison.Ordinal))
            .Select(System.IO.Path.GetFileName)
            .ToList();

        Assert.Empty(direct);
    }
}
