using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Emulator.Faults;
using VaultStaging.Emulator.Link;

namespace VaultStaging.Emulator;

/// <summary>
/// Command-line front end, shared by the emulator executable and <c>vaultstaging emulator</c>.
/// </summary>
public static class EmulatorCommandLine
{
    /// <summary>The line printed once the server listens; the base URL follows it.</summary>
    public const string ListeningPrefix = "Vault emulator listening on ";

    public const string Usage =
        """
        Usage: VaultStaging.Emulator [options]
          --port N                   TCP port on 127.0.0.1 (default 0 = any free port)
          --data-dir DIR             keep staged files and state in DIR (default: a temp dir deleted on exit)
          --user NAME:PASSWORD[:admin][:ID]
                                     add a user (repeatable; default admin:admin:admin, id 1000).
                                     Ids default to 1000, 1001, ... in order.
          --fault SPEC               arm a fault: kind[:endpoint][@part][xcount][=value] (repeatable)
          --vault-id N               vault id (default 1000)
          --discard-content          benchmark mode: hash each upload once, discard the bytes
          --min-part-size BYTES      --max-part-size BYTES   --max-parts N   --max-file-size BYTES
          --max-small-file-size BYTES                       --max-sessions N
          --session-lifetime DUR     --job-duration DUR      --job-poll-interval DUR
          --login-idle-timeout DUR   --login-max-lifetime DUR
          --burst-limit N            --burst-delay DUR       --auth-burst-limit N
          --no-version-limits        do not apply the v26.2 part limits (9616 parts, 52,000,000 bytes)
          --latency DUR              shape a link: add this round trip to every API exchange (e.g. 80ms)
          --bandwidth RATE           shape a link: pace request and response bodies to RATE each way (e.g. 200Mbit, 25MB)
          -h, --help                 show this text
        DUR: 500ms, 10s, 30m, 72h or plain seconds.
        """;

    /// <summary>Parses arguments into options (faults in <see cref="EmulatorOptions.Faults"/>).</summary>
    /// <exception cref="FormatException">An argument is unknown or has a bad value.</exception>
    public static EmulatorOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EmulatorOptions();
        var limits = options.Limits;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{arg} needs a value.");
            switch (arg)
            {
                case "--port": options.Port = ParseInt(Next(), arg); break;
                case "--data-dir": options.DataDirectory = Next(); break;
                case "--user": options.Users.Add(ParseUser(Next(), options.Users.Count)); break;
                case "--fault": options.Faults.Add(FaultRule.Parse(Next())); break;
                case "--vault-id": options.VaultId = ParseLong(Next(), arg); break;
                case "--discard-content": options.DiscardContent = true; break;
                case "--no-version-limits": options.UseVersionLimits = false; break;
                case "--latency": options.Link = (options.Link ?? new LinkProfile(TimeSpan.Zero, null)) with { RoundTrip = ParseDuration(Next(), arg) }; break;
                case "--bandwidth": options.Link = (options.Link ?? new LinkProfile(TimeSpan.Zero, null)) with { BytesPerSecond = LinkProfile.ParseRate(Next()) }; break;
                case "--min-part-size": limits.MinPartSize = ParseLong(Next(), arg); break;
                case "--max-part-size": limits.MaxPartSize = ParseLong(Next(), arg); break;
                case "--max-parts": limits.MaxParts = ParseInt(Next(), arg); break;
                case "--max-file-size": limits.MaxFileSize = ParseLong(Next(), arg); break;
                case "--max-small-file-size": limits.MaxSmallFileSize = ParseLong(Next(), arg); break;
                case "--max-sessions": limits.MaxActiveSessions = ParseInt(Next(), arg); break;
                case "--session-lifetime": limits.SessionLifetime = ParseDuration(Next(), arg); break;
                case "--job-duration": limits.JobDuration = ParseDuration(Next(), arg); break;
                case "--job-poll-interval": limits.JobPollInterval = ParseDuration(Next(), arg); break;
                case "--login-idle-timeout": limits.LoginIdleTimeout = ParseDuration(Next(), arg); break;
                case "--login-max-lifetime": limits.LoginMaxLifetime = ParseDuration(Next(), arg); break;
                case "--burst-limit": limits.BurstLimit = ParseInt(Next(), arg); break;
                case "--burst-delay": limits.BurstDelay = ParseDuration(Next(), arg); break;
                case "--auth-burst-limit": limits.AuthBurstLimit = ParseInt(Next(), arg); break;
                default: throw new FormatException($"Unknown argument '{arg}'. Use --help for the list.");
            }
        }

        return options;
    }

    /// <summary>Starts the emulator, prints the listening line, and runs until <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>0 on a clean stop, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Array.Exists(args, a => a is "-h" or "--help" or "-?"))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        EmulatorOptions options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException error)
        {
            await output.WriteLineAsync("Error: " + error.Message).ConfigureAwait(false);
            return 2;
        }

        await using var server = await EmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(ListeningPrefix + server.BaseUrl).ConfigureAwait(false);
        await output.WriteLineAsync("Data directory: " + server.DataDirectory).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static EmulatorUser ParseUser(string text, int index)
    {
        var parts = text.Split(':');
        if (parts.Length < 2 || parts.Length > 4 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException($"--user expects NAME:PASSWORD[:admin][:ID], got '{text}'.");
        }

        bool isAdmin = false;
        long id = 1000 + index;
        for (int i = 2; i < parts.Length; i++)
        {
            if (parts[i].Equals("admin", StringComparison.OrdinalIgnoreCase))
            {
                isAdmin = true;
            }
            else
            {
                id = ParseLong(parts[i], "--user");
            }
        }

        return new EmulatorUser(parts[0], parts[1], isAdmin, id);
    }

    private static int ParseInt(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"{name} expects a non-negative number, got '{text}'.");

    private static long ParseLong(string text, string name) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new FormatException($"{name} expects a non-negative number, got '{text}'.");

    private static TimeSpan ParseDuration(string text, string name)
    {
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException($"{name} expects a duration such as 500ms, 10s, 30m or 72h, got '{text}'.");
        }

        return TimeSpan.FromSeconds(value * scale);
    }
}
