using VaultStaging.Core.Http;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class RedactorTests
{
    [Fact]
    public void Masks_every_registered_secret()
    {
        var redactor = new Redactor();
        redactor.AddSecret("S3cr3t-Passw0rd");
        redactor.AddSecret("ABCDEF0123456789SESSION");

        var text = redactor.Redact("login with S3cr3t-Passw0rd gave ABCDEF0123456789SESSION twice: ABCDEF0123456789SESSION");

        Assert.DoesNotContain("S3cr3t-Passw0rd", text);
        Assert.DoesNotContain("ABCDEF0123456789SESSION", text);
        Assert.Contains(Redactor.Mask, text);
    }

    [Fact]
    public void Masks_a_secret_that_contains_another_whole()
    {
        var redactor = new Redactor();
        redactor.AddSecret("abcd");
        redactor.AddSecret("xxabcdxx");

        Assert.Equal("id " + Redactor.Mask, redactor.Redact("id xxabcdxx"));
    }

    [Theory]
    [InlineData("Authorization: 5F3A9B0C7D")]
    [InlineData("Authorization: Bearer veeva-vault-abc123")]
    [InlineData("{\"responseStatus\":\"SUCCESS\",\"sessionId\":\"5F3A9B0C7D\"}")]
    [InlineData("username=admin&password=hunter22")]
    [InlineData("AUTHORIZATION=5F3A9B0C7D")]
    [InlineData("Vault a répondu: session_id: 5F3A9B0C7D")]
    [InlineData("{\"SessionID\":\"5F3A9B0C7D\"}")]
    public void Masks_anything_shaped_like_a_secret(string text)
    {
        var redacted = new Redactor().Redact(text);

        Assert.DoesNotContain("5F3A9B0C7D", redacted);
        Assert.DoesNotContain("veeva-vault-abc123", redacted);
        Assert.DoesNotContain("hunter22", redacted);
    }

    [Fact]
    public void Leaves_ordinary_text_and_short_values_alone()
    {
        var redactor = new Redactor();
        redactor.AddSecret("a");
        redactor.AddSecret(null);

        Assert.Equal("PUT /api/v26.1/services/file_staging/upload/abc part 3", redactor.Redact("PUT /api/v26.1/services/file_staging/upload/abc part 3"));
        Assert.Equal("POST /api/v26.1/auth → HTTP 200 in 5 ms", redactor.Redact("POST /api/v26.1/auth → HTTP 200 in 5 ms"));
        Assert.Equal("", redactor.Redact(null));
    }
}
