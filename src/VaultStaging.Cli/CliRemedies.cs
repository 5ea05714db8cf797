using System;
using VaultStaging.Core;

namespace VaultStaging.Cli;

/// <summary>The engine's remedies as the CLI spells them: never a module switch.</summary>
internal sealed class CliRemedies : RemedyVocabulary
{
    public static CliRemedies Instance { get; } = new();

    public override string Name(RemedyAction action) => action switch
    {
        RemedyAction.Overwrite => "--overwrite",
        RemedyAction.Update => "--update",
        RemedyAction.SkipExisting => "--skip-existing",
        RemedyAction.Recurse => "--recurse",
        RemedyAction.FollowLinks => "--follow-links",
        RemedyAction.Reconnect => "fresh credentials ($" + EnvironmentVariables.UserName + " and $" + EnvironmentVariables.Password
            + ", or a new $" + EnvironmentVariables.SessionId + ")",
        RemedyAction.ListSessions => "'vaultstaging sessions'",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
