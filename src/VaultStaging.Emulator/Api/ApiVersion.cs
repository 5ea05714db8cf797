using System;
using System.Collections.Generic;
using System.Globalization;

namespace VaultStaging.Emulator.Api;

/// <summary>A Vault API version segment such as <c>v25.2</c>.</summary>
internal readonly record struct ApiVersion(int Year, int Release) : IComparable<ApiVersion>
{
    public static readonly ApiVersion Oldest = new(20, 3);
    public static readonly ApiVersion Newest = new(26, 2);
    public static readonly ApiVersion StatusHeader = new(23, 2);
    public static readonly ApiVersion LargePartLimits = new(26, 2);

    public int CompareTo(ApiVersion other) =>
        Year != other.Year ? Year.CompareTo(other.Year) : Release.CompareTo(other.Release);

    public static bool operator >=(ApiVersion left, ApiVersion right) => left.CompareTo(right) >= 0;

    public static bool operator <=(ApiVersion left, ApiVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(ApiVersion left, ApiVersion right) => left.CompareTo(right) > 0;

    public static bool operator <(ApiVersion left, ApiVersion right) => left.CompareTo(right) < 0;

    /// <summary>Parses <c>vYY.N</c>; false when the text is not a version segment at all.</summary>
    public static bool TryParse(string segment, out ApiVersion version)
    {
        version = default;
        if (segment.Length < 4 || segment[0] != 'v')
        {
            return false;
        }

        int dot = segment.IndexOf('.', StringComparison.Ordinal);
        if (dot < 2 ||
            !int.TryParse(segment.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int year) ||
            !int.TryParse(segment.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int release))
        {
            return false;
        }

        version = new ApiVersion(year, release);
        return true;
    }

    /// <summary>Every version the emulator serves: three releases a year from v20.3 to the newest.</summary>
    public static IEnumerable<ApiVersion> Supported()
    {
        for (int year = Oldest.Year; year <= Newest.Year; year++)
        {
            for (int release = 1; release <= 3; release++)
            {
                var version = new ApiVersion(year, release);
                if (version >= Oldest && version <= Newest)
                {
                    yield return version;
                }
            }
        }
    }

    public bool IsSupported => this >= Oldest && this <= Newest && Release is >= 1 and <= 3;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"v{Year}.{Release}");
}
