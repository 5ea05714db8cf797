namespace VaultStaging.Cli;

/// <summary>The process exit codes scripts rely on. Never change a value.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done (skipped files count as done).</summary>
    public const int Success = 0;

    /// <summary>At least one file or operation failed while running.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration is wrong; nothing was uploaded.</summary>
    public const int UsageError = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
