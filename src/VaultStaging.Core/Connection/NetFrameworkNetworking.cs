using System;
using System.Net;
using System.Runtime.InteropServices;

namespace VaultStaging.Core.Connection;

/// <summary>
/// What Windows PowerShell 5.1 (.NET Framework) needs before the first request, and .NET (Core) does by itself:
/// TLS 1.2 (and 1.3 where the framework defines it) allowed in ServicePointManager.SecurityProtocol, and a per-host
/// connection limit above the parallel transfers (the framework's default is 2). The decisions are plain functions;
/// <see cref="Prepare"/> applies them, on .NET Framework only.
/// </summary>
internal static class NetFrameworkNetworking
{
    internal const SecurityProtocolType SystemDefault = 0;
    internal const SecurityProtocolType Tls12 = (SecurityProtocolType)3072;
    internal const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

    private static readonly object Gate = new();

    public static bool IsNetFramework(string frameworkDescription)
        => frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds TLS 1.2, and TLS 1.3 when the framework defines it, to what is allowed, removing nothing. SystemDefault
    /// (0) is left alone: the operating system then chooses, and it already offers TLS 1.2 and whatever else it allows.
    /// </summary>
    public static SecurityProtocolType WithModernTls(SecurityProtocolType current, bool tls13Defined)
    {
        if (current == SystemDefault)
        {
            return current;
        }

        var allowed = current | Tls12;
        return tls13Defined ? allowed | Tls13 : allowed;
    }

    /// <summary>The per-host connection limit: raised to <paramref name="parallelism"/>, never lowered.</summary>
    public static int RaisedConnectionLimit(int current, int parallelism) => Math.Max(current, parallelism);

    /// <summary>On .NET Framework: allows modern TLS and raises the connection limit for <paramref name="server"/>. Elsewhere nothing.</summary>
    public static void Prepare(Uri server, int parallelism)
    {
        if (!IsNetFramework(RuntimeInformation.FrameworkDescription))
        {
            return;
        }

        lock (Gate)
        {
            var current = ServicePointManager.SecurityProtocol;
            try
            {
                ServicePointManager.SecurityProtocol = WithModernTls(current, Enum.IsDefined(typeof(SecurityProtocolType), Tls13));
            }
            catch (NotSupportedException)
            {
                // The framework defines TLS 1.3 but this Windows cannot use it: TLS 1.2 alone then.
                ServicePointManager.SecurityProtocol = WithModernTls(current, tls13Defined: false);
            }

            var servicePoint = ServicePointManager.FindServicePoint(server);
            servicePoint.ConnectionLimit = RaisedConnectionLimit(servicePoint.ConnectionLimit, parallelism);
        }
    }
}
