namespace VaultStaging.Module;

/// <summary>
/// -Force on a ConfirmImpact High cmdlet, as PowerShell's own cmdlets do it: it skips the confirmation prompt unless
/// -Confirm was asked for explicitly, and never overrides -WhatIf.
/// </summary>
public static class ConfirmRules
{
    public static bool SkipsPrompt(bool force, bool confirmBound, bool whatIf) => force && !confirmBound && !whatIf;
}
