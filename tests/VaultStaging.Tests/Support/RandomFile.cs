using System;
using System.IO;
using System.Security.Cryptography;

namespace VaultStaging.Tests.Support;

/// <summary>Writes files of pseudo-random bytes (reproducible per seed) and hashes files for comparison.</summary>
public static class RandomFile
{
    /// <summary>Creates (or replaces) <paramref name="path"/> with <paramref name="size"/> random bytes; returns the path.</summary>
    public static string Create(string path, long size, int seed = 1)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var random = new Random(seed);
        var buffer = new byte[Math.Min(size, 1024 * 1024)];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        for (long written = 0; written < size;)
        {
            var count = (int)Math.Min(buffer.Length, size - written);
            random.NextBytes(buffer.AsSpan(0, count));
            stream.Write(buffer, 0, count);
            written += count;
        }

        return path;
    }

    /// <summary>Lower-case hex MD5 of a file's content.</summary>
    public static string Md5Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
}
