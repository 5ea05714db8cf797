using System.Text;
using System.Text.Json;
using VaultStaging.Core;
using VaultStaging.Core.Http;
using VaultStaging.Core.Json;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class ResponseEnvelopeReaderTests
{
    private static readonly Redactor NoSecrets = new();

    private static ResponseContext Context(int status = 200, string? mediaType = "application/json")
        => new("GET /api/v26.1/services/file_staging/items/x", "vault.example.com", status, mediaType, "exec-1");

    private static DataEnvelopeDto<PartDto> ReadPart(string body, int status = 200, string? mediaType = "application/json")
        => ResponseEnvelopeReader.Read(Encoding.UTF8.GetBytes(body), Context(status, mediaType), VaultJsonContext.Default.DataEnvelopeDtoPartDto, NoSecrets);

    [Fact]
    public void Reads_a_success_envelope_with_long_sizes()
    {
        var envelope = ReadPart("{\"responseStatus\":\"SUCCESS\",\"data\":{\"size\":5368709120,\"part_number\":\"3\",\"part_content_md5\":\"ABC\"}}");

        Assert.Equal(5368709120L, envelope.Data!.Size);
        Assert.Equal(3, envelope.Data.PartNumber);
    }

    [Fact]
    public void Reads_next_page()
    {
        var envelope = ResponseEnvelopeReader.Read(
            Encoding.UTF8.GetBytes("{\"responseStatus\":\"SUCCESS\",\"responseDetails\":{\"next_page\":\"/api/v26.1/x?cursor=1\"},\"data\":[]}"),
            Context(),
            VaultJsonContext.Default.DataEnvelopeDtoListItemDto,
            NoSecrets);

        Assert.Equal("/api/v26.1/x?cursor=1", envelope.ResponseDetails!.NextPage);
    }

    [Fact]
    public void Failure_envelope_becomes_a_vault_api_exception_with_every_error()
    {
        var error = Assert.Throws<VaultApiException>(() => ReadPart(
            "{\"responseStatus\":\"FAILURE\",\"errors\":[{\"type\":\"INVALID_DATA\",\"message\":\"Bad part.\"},{\"type\":\"OPERATION_NOT_ALLOWED\",\"message\":\"No.\"}]}"));

        Assert.Equal("INVALID_DATA", error.VaultErrorType);
        Assert.Equal("VaultInvalidData", error.ErrorId);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("exec-1", error.ExecutionId);
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("Bad part", error.Message);
        Assert.Contains("INVALID_DATA", error.Message);
    }

    [Fact]
    public void Auth_failure_uses_the_errors_type()
    {
        var error = Assert.Throws<VaultApiException>(() => ReadPart(
            "{\"responseStatus\":\"FAILURE\",\"errorType\":\"AUTHENTICATION_FAILED\",\"errors\":[{\"type\":\"USERNAME_OR_PASSWORD_INCORRECT\",\"message\":\"Authentication failed for user: x.\"}]}"));

        Assert.Equal(VaultErrorTypes.UsernameOrPasswordIncorrect, error.VaultErrorType);
        Assert.Equal(Core.VaultErrorCategory.AuthenticationError, error.Category);
    }

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", 502, "text/html", "HTTP_502", "HTML page")]
    [InlineData("  <!DOCTYPE html><html></html>", 200, "application/json", VaultErrorTypes.InvalidResponse, "HTML page")]
    [InlineData("{\"responseStatus\":\"SUCC", 200, "application/json", VaultErrorTypes.InvalidResponse, "truncated JSON")]
    [InlineData("", 503, null, "HTTP_503", "empty body")]
    [InlineData("{\"hello\":1}", 200, "application/json", VaultErrorTypes.InvalidResponse, "responseStatus")]
    [InlineData("[1,2]", 200, "application/json", VaultErrorTypes.InvalidResponse, "truncated JSON")]
    public void Anything_but_an_envelope_is_a_clear_error_never_a_json_exception(string body, int status, string? mediaType, string type, string said)
    {
        var error = Assert.Throws<VaultApiException>(() => ReadPart(body, status, mediaType));

        Assert.Equal(type, error.VaultErrorType);
        Assert.Equal(status, error.HttpStatus);
        Assert.Contains("vault.example.com", error.Message);
        Assert.Contains(said, error.Message);
        Assert.Contains("not a Vault API response", error.Message);
        Assert.IsNotType<JsonException>(error.InnerException);
    }

    [Fact]
    public void Html_proxy_page_message_names_host_status_and_what_to_check()
    {
        var error = Assert.Throws<VaultApiException>(() => ReadPart("<html>bad gateway</html>", 502, "text/html"));

        Assert.Contains("the server at vault.example.com answered with an HTML page (HTTP 502), not a Vault API response — check the server address and any proxy", error.Message);
    }

    [Fact]
    public void Server_text_is_redacted()
    {
        var redactor = new Redactor();
        redactor.AddSecret("SESSION-1234567890");

        var error = Assert.Throws<VaultApiException>(() => ResponseEnvelopeReader.Read(
            Encoding.UTF8.GetBytes("{\"responseStatus\":\"FAILURE\",\"errors\":[{\"type\":\"INVALID_SESSION_ID\",\"message\":\"Session SESSION-1234567890 is invalid\"}]}"),
            Context(),
            VaultJsonContext.Default.EnvelopeDto,
            redactor));

        Assert.DoesNotContain("SESSION-1234567890", error.Message);
        Assert.DoesNotContain("SESSION-1234567890", error.Errors[0].Message);
    }
}
