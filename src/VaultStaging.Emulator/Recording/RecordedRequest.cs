using System;
using VaultStaging.Emulator.Faults;

namespace VaultStaging.Emulator.Recording;

/// <summary>
/// One API request as the emulator saw it. Never contains credentials: no Authorization value,
/// no password, no query string.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    string? ApiVersion,
    EmulatorEndpoint Endpoint,
    int? PartNumber,
    long? RequestContentLength,
    long? UserId,
    string? ClientId,
    string? ReferenceId,
    int HttpStatus,
    string? ResponseStatus,
    string? ErrorType,
    FaultKind? Fault,
    string ExecutionId);
