using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator;

namespace VaultStaging.Cli;

/// <summary>The temporary emulator behind --emulator: default user, temporary data folder, short job poll rule.</summary>
internal static class InProcessEmulator
{
    public const string UserName = "admin";
    public const string Password = "admin";

    /// <summary>How often the CLI reads a job's status against the emulator.</summary>
    public static readonly TimeSpan JobPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The emulator's own once-per-interval rule, kept below the client's interval so timer jitter never
    /// turns a well-behaved poll into API_LIMIT_EXCEEDED.
    /// </summary>
    private static readonly TimeSpan ServerJobPollInterval = TimeSpan.FromMilliseconds(100);

    public static Task<EmulatorServer> StartAsync(CancellationToken cancellationToken)
    {
        var options = new EmulatorOptions
        {
            DataDirectory = null, // a temporary folder, deleted when the server is disposed
            Limits = new EmulatorLimits { JobPollInterval = ServerJobPollInterval },
        };
        return EmulatorServer.StartAsync(options, cancellationToken);
    }
}
