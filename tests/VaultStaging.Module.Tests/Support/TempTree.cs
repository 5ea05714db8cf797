using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace VaultStaging.Module.Tests.Support;

/// <summary>A temporary folder of random files, deleted on dispose.</summary>
public sealed class TempTree : IDisposable
{
    private static readonly Random Random = new(4242);

    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), string.Concat("vs-module-", Guid.NewGuid().ToString("N").AsSpan(0, 8)));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public FileInfo Add(string relativePath, int size)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[size];
        lock (Random)
        {
            Random.NextBytes(bytes);
        }

        File.WriteAllBytes(path, bytes);
        return new FileInfo(path);
    }

    public IReadOnlyList<FileInfo> Files => new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories).ToList();

    public string RelativePath(FileInfo file) => Path.GetRelativePath(Root, file.FullName).Replace('\\', '/');

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopped upload; the OS temp cleaner takes it.
        }
    }
}
