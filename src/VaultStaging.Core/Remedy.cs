using System;
using System.Collections.Generic;
using System.Linq;

namespace VaultStaging.Core;

/// <summary>Something the user can do about an error; each front end names it with its own switch.</summary>
public enum RemedyAction
{
    /// <summary>Replace what is staged (CLI --overwrite, module -Overwrite).</summary>
    Overwrite,

    /// <summary>Replace what is staged only when the local file differs (--update, -Update).</summary>
    Update,

    /// <summary>Leave what is staged alone (--skip-existing, -SkipExisting).</summary>
    SkipExisting,

    /// <summary>Stage the files below a folder (--recurse, -Recurse).</summary>
    Recurse,

    /// <summary>Follow links to directories (--follow-links, -FollowLinks).</summary>
    FollowLinks,

    /// <summary>Log in again (environment credentials for the CLI, Connect-Vault for the module).</summary>
    Reconnect,

    /// <summary>See the vault's active upload sessions (vaultstaging sessions, Get-VaultUploadSession).</summary>
    ListSessions,
}

/// <summary>One remedy of an error: the action and what it achieves ("to replace it").</summary>
public sealed class Remedy
{
    public Remedy(RemedyAction action, string purpose)
    {
        Action = action;
        Purpose = purpose;
    }

    public RemedyAction Action { get; }

    /// <summary>Lower-case infinitive phrase, e.g. "to replace it".</summary>
    public string Purpose { get; }
}

/// <summary>How a front end spells each <see cref="RemedyAction"/>; renders an error's remedies as one sentence.</summary>
public abstract class RemedyVocabulary
{
    /// <summary>Host-neutral wording, for callers of the engine that are neither the CLI nor the module.</summary>
    public static RemedyVocabulary Neutral { get; } = new NeutralVocabulary();

    /// <summary>How the user invokes <paramref name="action"/> in this front end, e.g. "--overwrite".</summary>
    public abstract string Name(RemedyAction action);

    /// <summary>"To replace it, use --overwrite; to leave it, use --skip-existing." ("" for no remedies).</summary>
    public string Render(IReadOnlyList<Remedy> remedies)
    {
        if (remedies.Count == 0)
        {
            return "";
        }

        var clauses = remedies.Select(r => r.Purpose + ", use " + Name(r.Action)).ToList();
        var sentence = string.Join("; ", clauses) + ".";
        return char.ToUpperInvariant(sentence[0]) + sentence.Substring(1);
    }

    private sealed class NeutralVocabulary : RemedyVocabulary
    {
        public override string Name(RemedyAction action) => action switch
        {
            RemedyAction.Overwrite => "the overwrite option",
            RemedyAction.Update => "the update option",
            RemedyAction.SkipExisting => "the skip-existing option",
            RemedyAction.Recurse => "the recurse option",
            RemedyAction.FollowLinks => "the follow-links option",
            RemedyAction.Reconnect => "a new connection",
            RemedyAction.ListSessions => "the list of upload sessions",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }
}
