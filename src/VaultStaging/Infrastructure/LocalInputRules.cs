namespace VaultStaging.Module;

/// <summary>What becomes of a -Path wildcard that matched nothing.</summary>
public enum WildcardOutcome
{
    /// <summary>The wildcard matched files: use them.</summary>
    UseMatches,

    /// <summary>Nothing matched, but a file or directory has that very name (e.g. "[draft] a.txt"): use it, and say so in -Verbose.</summary>
    UseLiteralPath,

    /// <summary>Nothing matched and nothing has that name: a warning, nothing staged.</summary>
    NoMatch,
}

/// <summary>What becomes of a directory among the local paths.</summary>
public enum DirectoryOutcome
{
    /// <summary>-Recurse: its files, keeping the layout (under -BasePath when given).</summary>
    Expand,

    /// <summary>
    /// Piped (Get-ChildItem without -File: its files arrive through the pipeline anyway) or matched by a -Path wildcard
    /// (D:\export\*), without -Recurse: skipped, with one warning per call.
    /// </summary>
    SkipWithWarning,

    /// <summary>Named explicitly as an argument without -Recurse: the caller asked for it, so a per-item DirectoryNeedsRecurse error.</summary>
    Error,
}

/// <summary>The decisions about local input, as plain data; the cmdlets only carry them out.</summary>
public static class LocalInputRules
{
    public static WildcardOutcome ForWildcard(int matches, bool literalPathExists)
        => matches > 0 ? WildcardOutcome.UseMatches : literalPathExists ? WildcardOutcome.UseLiteralPath : WildcardOutcome.NoMatch;

    /// <param name="recurse">-Recurse was given.</param>
    /// <param name="namedExplicitly">The directory was typed as an argument: not piped, not matched by a wildcard.</param>
    public static DirectoryOutcome ForDirectory(bool recurse, bool namedExplicitly)
        => recurse ? DirectoryOutcome.Expand : namedExplicitly ? DirectoryOutcome.Error : DirectoryOutcome.SkipWithWarning;
}
