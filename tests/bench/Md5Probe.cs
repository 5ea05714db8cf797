// Single-core MD5 throughput of .NET on this machine: hashes one buffer repeatedly (no I/O), prints MiB/s.
using System;
using System.Diagnostics;
using System.Security.Cryptography;

var buffer = new byte[16 * 1024 * 1024];
new Random(1).NextBytes(buffer);
using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
long total = 0;
md5.AppendData(buffer);
md5.GetHashAndReset();
var watch = Stopwatch.StartNew();
while (watch.Elapsed.TotalSeconds < 3)
{
    md5.AppendData(buffer);
    total += buffer.Length;
}

md5.GetHashAndReset();
Console.WriteLine((total / watch.Elapsed.TotalSeconds / 1048576).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
