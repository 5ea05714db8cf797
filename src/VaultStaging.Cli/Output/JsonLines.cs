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
internal sealed record AbortLine(string Id, string Status, string? Path = null, string? Error = null);

/// <summary>One downloaded (or skipped, failed) file in --json output.</summary>
internal sealed record DownloadResultLine(
    string StagingPath,
    string? Path,
    long Size,
    string Status,
    long? BytesResumed,
    string? Error,
    string? ErrorId);

/// <summary>What a --dry-run download would do with one file.</summary>
internal sealed record DownloadPlanLine(string StagingPath, string Path, long Size, string Action, long? BytesResumable);

/// <summary>A Vault job in --json output (jobs show / wait, and the jobs mv and rm started).</summary>
internal sealed record JobLine(long? Id, string Status, string? Method, string? Path, DateTimeOffset? CreatedDate, DateTimeOffset? RunStartDate, DateTimeOffset? RunEndDate, string? Error);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadResultLine))]
[JsonSerializable(typeof(SessionLine))]
[JsonSerializable(typeof(PartLine))]
[JsonSerializable(typeof(ItemLine))]
[JsonSerializable(typeof(AbortLine))]
[JsonSerializable(typeof(DownloadResultLine))]
[JsonSerializable(typeof(DownloadPlanLine))]
[JsonSerializable(typeof(JobLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
