namespace VaultStaging.Core.Connection;

/// <summary>Who the connection is logged in as. Holds no secret.</summary>
public sealed class VaultIdentity
{
    public long UserId { get; init; }

    public string UserName { get; init; } = "";

    public long VaultId { get; init; }

    /// <summary>security_profile__v, e.g. vault_owner__v.</summary>
    public string SecurityProfile { get; init; } = "";

    /// <summary>Vault Owner or System Admin: sees the real staging root and writes /u{id}/… for its own home.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>The user's home as this user addresses it: /u{id} for admins, / for everyone else.</summary>
    public string HomeFolder => IsAdmin ? "/u" + UserId : "/";
}
