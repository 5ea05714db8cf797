using System.Net;
using VaultStaging.Core.Connection;
using Xunit;

namespace VaultStaging.Tests.Connection;

/// <summary>Issue 12 points 8 and 10: the .NET Framework (Windows PowerShell 5.1) network set-up, as plain decisions.</summary>
public sealed class NetFrameworkNetworkingTests
{
    private const SecurityProtocolType Ssl3 = (SecurityProtocolType)48;
    private const SecurityProtocolType Tls = (SecurityProtocolType)192;
    private const SecurityProtocolType Tls11 = (SecurityProtocolType)768;

    [Fact]
    public void WindowsPowerShellDefault_Ssl3AndTls_GainsTls12AndTls13_AndKeepsWhatWasAllowed()
    {
        var result = NetFrameworkNetworking.WithModernTls(Ssl3 | Tls, tls13Defined: true);

        Assert.Equal(Ssl3 | Tls | NetFrameworkNetworking.Tls12 | NetFrameworkNetworking.Tls13, result);
    }

    [Fact]
    public void WithoutTls13InTheFramework_OnlyTls12IsAdded()
    {
        Assert.Equal(Tls | Tls11 | NetFrameworkNetworking.Tls12, NetFrameworkNetworking.WithModernTls(Tls | Tls11, tls13Defined: false));
    }

    [Fact]
    public void SystemDefault_IsLeftToTheOperatingSystem()
    {
        Assert.Equal(NetFrameworkNetworking.SystemDefault, NetFrameworkNetworking.WithModernTls(NetFrameworkNetworking.SystemDefault, tls13Defined: true));
    }

    [Fact]
    public void AlreadyModern_IsUnchanged()
    {
        var modern = NetFrameworkNetworking.Tls12 | NetFrameworkNetworking.Tls13;

        Assert.Equal(modern, NetFrameworkNetworking.WithModernTls(modern, tls13Defined: true));
    }

    [Theory]
    [InlineData(2, 64, 64)]
    [InlineData(100, 64, 100)]
    [InlineData(64, 64, 64)]
    public void ConnectionLimit_IsRaisedToTheParallelism_NeverLowered(int current, int parallelism, int expected)
    {
        Assert.Equal(expected, NetFrameworkNetworking.RaisedConnectionLimit(current, parallelism));
    }

    [Theory]
    [InlineData(".NET Framework 4.8.9232.0", true)]
    [InlineData(".NET Framework 4.7.2", true)]
    [InlineData(".NET 10.0.0", false)]
    [InlineData(".NET Core 3.1.32", false)]
    public void OnlyDotNetFramework_IsPrepared(string description, bool expected)
    {
        Assert.Equal(expected, NetFrameworkNetworking.IsNetFramework(description));
    }

    [Fact]
    public void Prepare_OnDotNet_ChangesNothing()
    {
#pragma warning disable SYSLIB0014 // ServicePointManager: read only, to prove it is left alone here.
        var before = ServicePointManager.SecurityProtocol;
        NetFrameworkNetworking.Prepare(new System.Uri("https://myvault.veevavault.com"), 64);
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
#pragma warning restore SYSLIB0014
    }
}
