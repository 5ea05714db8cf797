using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VaultStaging.Core.Json;

/// <summary>
/// Source-generated (reflection-free) metadata for every Vault response shape, so the engine runs
/// the same under Windows PowerShell 5.1 and PowerShell 7 whatever System.Text.Json copy is loaded.
/// Numbers are also accepted as strings: some Vault fields vary between versions.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EnvelopeDto))]
[JsonSerializable(typeof(AuthResponseDto))]
[JsonSerializable(typeof(UsersMeResponseDto))]
[JsonSerializable(typeof(DataEnvelopeDto<List<ItemDto>>))]
[JsonSerializable(typeof(DataEnvelopeDto<ItemDto>))]
[JsonSerializable(typeof(DataEnvelopeDto<JobRefDto>))]
[JsonSerializable(typeof(DataEnvelopeDto<UploadSessionDto>))]
[JsonSerializable(typeof(DataEnvelopeDto<List<UploadSessionDto>>))]
[JsonSerializable(typeof(DataEnvelopeDto<PartDto>))]
[JsonSerializable(typeof(DataEnvelopeDto<List<PartDto>>))]
[JsonSerializable(typeof(DataEnvelopeDto<JobDto>))]
internal sealed partial class VaultJsonContext : JsonSerializerContext
{
}
