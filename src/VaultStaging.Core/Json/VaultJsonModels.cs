using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VaultStaging.Core.Json;

// Wire shapes of the Vault responses (https://general.veevavault.dev/vault-api/api-reference/26.2/, Authentication to Jobs). Read through VaultJsonContext only.

/// <summary>The fields every Vault response carries.</summary>
internal class EnvelopeDto
{
    [JsonPropertyName("responseStatus")]
    public string? ResponseStatus { get; set; }

    [JsonPropertyName("responseMessage")]
    public string? ResponseMessage { get; set; }

    /// <summary>Auth failures only, e.g. AUTHENTICATION_FAILED.</summary>
    [JsonPropertyName("errorType")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("errors")]
    public List<ErrorDto>? Errors { get; set; }

    [JsonPropertyName("responseDetails")]
    public ResponseDetailsDto? ResponseDetails { get; set; }
}

internal sealed class DataEnvelopeDto<TData> : EnvelopeDto
{
    [JsonPropertyName("data")]
    public TData? Data { get; set; }
}

internal sealed class ErrorDto
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

internal sealed class ResponseDetailsDto
{
    [JsonPropertyName("next_page")]
    public string? NextPage { get; set; }
}

internal sealed class AuthResponseDto : EnvelopeDto
{
    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("userId")]
    public long UserId { get; set; }

    [JsonPropertyName("vaultId")]
    public long VaultId { get; set; }

    [JsonPropertyName("vaultIds")]
    public List<VaultEntryDto>? VaultIds { get; set; }
}

internal sealed class VaultEntryDto
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }
}

internal sealed class UsersMeResponseDto : EnvelopeDto
{
    [JsonPropertyName("users")]
    public List<UserWrapperDto>? Users { get; set; }
}

internal sealed class UserWrapperDto
{
    [JsonPropertyName("user")]
    public UserDto? User { get; set; }
}

internal sealed class UserDto
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("user_name__v")]
    public string? UserName { get; set; }

    [JsonPropertyName("security_profile__v")]
    public string? SecurityProfile { get; set; }
}

internal sealed class ItemDto
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }

    [JsonPropertyName("modified_date")]
    public DateTimeOffset? ModifiedDate { get; set; }

    [JsonPropertyName("file_content_md5")]
    public string? FileContentMd5 { get; set; }
}

internal sealed class JobRefDto
{
    [JsonPropertyName("job_id")]
    public long JobId { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }
}

internal sealed class UploadSessionDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("uploaded")]
    public long Uploaded { get; set; }

    [JsonPropertyName("uploaded_parts")]
    public int UploadedParts { get; set; }

    [JsonPropertyName("owner")]
    public long Owner { get; set; }

    [JsonPropertyName("created_date")]
    public DateTimeOffset? CreatedDate { get; set; }

    [JsonPropertyName("last_uploaded_date")]
    public DateTimeOffset? LastUploadedDate { get; set; }

    [JsonPropertyName("expiration_date")]
    public DateTimeOffset? ExpirationDate { get; set; }
}

internal sealed class PartDto
{
    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("part_number")]
    public int PartNumber { get; set; }

    [JsonPropertyName("part_content_md5")]
    public string? PartContentMd5 { get; set; }
}

internal sealed class JobDto
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("method")]
    public string? Method { get; set; }

    [JsonPropertyName("created_date")]
    public DateTimeOffset? CreatedDate { get; set; }

    [JsonPropertyName("run_start_date")]
    public DateTimeOffset? RunStartDate { get; set; }

    [JsonPropertyName("run_end_date")]
    public DateTimeOffset? RunEndDate { get; set; }
}
