using System;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class VaultServerTests
{
    [Theory]
    [InlineData("myvault.veevavault.com", "https://myvault.veevavault.com/")]
    [InlineData("  myvault.veevavault.com  ", "https://myvault.veevavault.com/")]
    [InlineData("https://myvault.veevavault.com", "https://myvault.veevavault.com/")]
    [InlineData("https://myvault.veevavault.com/api/v26.1/whatever?x=1", "https://myvault.veevavault.com/")]
    [InlineData("HTTPS://MyVault.VeevaVault.com:8443/", "https://myvault.veevavault.com:8443/")]
    [InlineData("myvault.veevavault.com/some/path", "https://myvault.veevavault.com/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://127.5.6.7:5000/", "http://127.5.6.7:5000/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    public void Accepts_dns_names_https_urls_and_loopback_http(string input, string expected)
    {
        Assert.Equal(new Uri(expected), VaultServer.Parse(input));
    }

    [Theory]
    [InlineData("http://myvault.veevavault.com")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("http://128.0.0.1/")]
    public void Refuses_plain_http_to_anything_but_loopback(string input)
    {
        var error = Assert.Throws<VaultStagingException>(() => VaultServer.Parse(input));
        Assert.Equal("InsecureServerUrl", error.ErrorId);
        Assert.Equal(VaultErrorCategory.SecurityError, error.Category);
        Assert.Contains("HTTPS is required", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://myvault.veevavault.com")]
    [InlineData("my vault.com")]
    [InlineData("https://user:pw@myvault.veevavault.com")]
    [InlineData("https://")]
    public void Refuses_garbage(string input)
    {
        var error = Assert.Throws<VaultStagingException>(() => VaultServer.Parse(input));
        Assert.Equal("InvalidServerUrl", error.ErrorId);
        Assert.Equal(VaultErrorCategory.InvalidArgument, error.Category);
        Assert.DoesNotContain("pw@", error.Message);
    }
}
