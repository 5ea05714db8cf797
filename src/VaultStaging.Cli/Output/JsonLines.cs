using System;
using System.Text.Json.Serialization;

namespace VaultStaging.Cli.Output;

/// <summary>One uploaded file in --json output.</summary>
internal sealed record UploadResultLine(
    string Path,
    string StagingPath,
    long Size,
    int Parts,
    string Status,
    string? SessionId,
    long? JobId,
    string? Error,
    string? ErrorId,
    bool? DryRun = null);

/// <summary>One resumable upload session in --json output.</summary>
internal sealed record SessionLine(
    string Id,
    string Path,
    long Size,
    long Uploaded,
    int UploadedParts,
    DateTimeOffset? CreatedDate,
    DateTimeOffset? LastUploadedDate,
    DateTimeOffset? ExpirationDate);

/// <summary>One part of a session in --json output.</summary>
internal sealed record PartLine(int PartNumber, long Size, string Md5);

/// <summary>One staging item in --json output.</summary>
internal sealed record ItemLine(string Kind, string Path, string Name, long? Size, DateTimeOffset? Modified);

/// <summary>Result of sessions abort in --json output.</summary>
internal sealed record AbortLine(string Id, string Status);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadResultLine))]
[JsonSerializable(typeof(SessionLine))]
[JsonSerializable(typeof(PartLine))]
[JsonSerializable(typeof(ItemLine))]
[JsonSerializable(typeof(AbortLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
