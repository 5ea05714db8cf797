using System;
using System.IO;
using System.Reflection;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Symbolic links (and other reparse points): what they point at. .NET 6 and later resolve them
/// (<c>FileSystemInfo.ResolveLinkTarget</c>, reached by reflection from netstandard2.0); on .NET Framework a link is
/// taken as it is, and its content's size is read from an open handle (opening follows the link).
/// </summary>
internal static class FileLinks
{
    private static readonly MethodInfo? ResolveLinkTarget =
        typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

    public static bool IsLink(FileSystemInfo info) => info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0;

    /// <summary>The final target of a link, or <paramref name="info"/> itself when it is no link or cannot be resolved here.</summary>
    public static T FinalTarget<T>(T info)
        where T : FileSystemInfo
    {
        if (!IsLink(info) || ResolveLinkTarget is null)
        {
            return info;
        }

        try
        {
            return ResolveLinkTarget.Invoke(info, new object[] { true }) as T ?? info;
        }
        catch (TargetInvocationException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            return info;
        }
    }
}
