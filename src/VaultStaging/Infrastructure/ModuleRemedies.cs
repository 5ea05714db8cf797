using System;
using VaultStaging.Core;

namespace VaultStaging.Module;

/// <summary>
/// The engine's remedies as the module spells them: never a CLI flag or environment variable. Internal: a public type
/// deriving from a Core type would make Import-Module load Core before the module's dependency resolver is in place.
/// </summary>
internal sealed class ModuleRemedies : RemedyVocabulary
{
    public static ModuleRemedies Instance { get; } = new();

    public override string Name(RemedyAction action) => action switch
    {
        RemedyAction.Overwrite => "-Overwrite",
        RemedyAction.Update => "-Update",
        RemedyAction.SkipExisting => "-SkipExisting",
        RemedyAction.Recurse => "-Recurse",
        RemedyAction.FollowLinks => "-FollowLinks",
        RemedyAction.Reconnect => "Connect-Vault",
        RemedyAction.ListSessions => "Get-VaultUploadSession",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
