using System;
using System.Collections.Generic;
using System.Linq;

namespace VaultStaging.Emulator.Staging;

/// <summary>
/// An absolute staging path in the ROOT view (what an Admin sees), e.g. <c>/u1000/Folder/a.txt</c>.
/// Segments are validated names; comparison ignores case like the staging server's folders do.
/// </summary>
internal sealed class StagingPath : IEquatable<StagingPath>
{
    public static readonly StagingPath Root = new(Array.Empty<string>());

    private readonly string[] _segments;

    public StagingPath(IEnumerable<string> segments) => _segments = segments.ToArray();

    public IReadOnlyList<string> Segments => _segments;

    public bool IsRoot => _segments.Length == 0;

    public string Name => IsRoot ? string.Empty : _segments[^1];

    public StagingPath Parent => IsRoot ? this : new StagingPath(_segments[..^1]);

    public StagingPath Append(string name) => new(_segments.Append(name));

    /// <summary>True when this path equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(StagingPath ancestor)
    {
        if (ancestor._segments.Length > _segments.Length)
        {
            return false;
        }

        for (int i = 0; i < ancestor._segments.Length; i++)
        {
            if (!string.Equals(ancestor._segments[i], _segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public StagingPath RelativeTo(StagingPath ancestor) => new(_segments.Skip(ancestor._segments.Length));

    public override string ToString() => "/" + string.Join('/', _segments);

    public bool Equals(StagingPath? other) =>
        other is not null && other._segments.Length == _segments.Length && IsWithin(other);

    public override bool Equals(object? obj) => Equals(obj as StagingPath);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());
}
