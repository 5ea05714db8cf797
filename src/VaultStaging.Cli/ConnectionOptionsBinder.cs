using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;

namespace VaultStaging.Cli;

/// <summary>
/// The connection options of one command (--vault, --api-version, --client-id, --emulator) plus the credential
/// environment variables, turned into <see cref="VaultConnectionOptions"/>. Credentials never come from a flag.
/// </summary>
internal sealed class ConnectionOptionsBinder
{

    private readonly CliContext context;

    public ConnectionOptionsBinder(CliContext context)
    {
        this.context = context;
    }

    public Option<string?> Vault { get; } = new("--vault")
    {
        Description = "The Vault: a DNS name (myvault.veevavault.com) or https URL. Default: $" + EnvironmentVariables.Vault
            + ". Credentials come only from the environment: $" + EnvironmentVariables.UserName + " and $" + EnvironmentVariables.Password
            + ", or $" + EnvironmentVariables.SessionId + ".",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> ApiVersion { get; } = new("--api-version")
    {
        Description = "Vault API version.",
        DefaultValueFactory = _ => VaultConnectionOptions.DefaultApiVersion,
        HelpName = "VERSION",
        Recursive = true,
    };

    public Option<string> ClientId { get; } = new("--client-id")
    {
        Description = "Sent as X-VaultAPI-ClientID (letters, digits, '.', '_', '-'; at most 100).",
        DefaultValueFactory = _ => VaultConnectionOptions.DefaultClientId,
        HelpName = "ID",
        Recursive = true,
    };

    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = "Run against a temporary in-process Vault emulator (no Vault or credentials needed; its files are deleted on exit).",
        Recursive = true,
    };

    /// <summary>Hidden: shortens the job poll interval, allowed only against a loopback emulator (a real vault allows one poll per 10 s).</summary>
    public Option<TimeSpan?> JobPollInterval { get; } = new("--job-poll-interval")
    {
        Hidden = true,
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Vault);
        command.Options.Add(ApiVersion);
        command.Options.Add(ClientId);
        command.Options.Add(Emulator);
        command.Options.Add(JobPollInterval);
    }

    /// <summary>
    /// Validates the flags and environment; throws <see cref="CliUsageException"/> for anything that cannot work.
    /// With --emulator the server is left unset (it is known once the emulator runs).
    /// </summary>
    public ConnectionSettings Bind(ParseResult parseResult)
    {
        var options = new VaultConnectionOptions
        {
            ApiVersion = ValidateApiVersion(parseResult.GetValue(ApiVersion) ?? VaultConnectionOptions.DefaultApiVersion),
            ClientId = ValidateClientId(parseResult.GetValue(ClientId) ?? VaultConnectionOptions.DefaultClientId),
            Log = context.CreateLog(parseResult),
            TimeProvider = context.Time,
        };

        bool useEmulator = parseResult.GetValue(Emulator);
        TimeSpan? pollInterval = parseResult.GetValue(JobPollInterval);
        if (useEmulator)
        {
            if (parseResult.GetValue(Vault) is not null)
            {
                throw new CliUsageException("--emulator and --vault cannot be combined: --emulator runs against a temporary local emulator. Drop one of them.");
            }

            options.Credential = new VaultCredential(InProcessEmulator.UserName, InProcessEmulator.Password);
            return new ConnectionSettings(options, UseEmulator: true, pollInterval ?? InProcessEmulator.JobPollInterval);
        }

        options.Server = ResolveServer(parseResult);
        ApplyCredentials(options);
        if (pollInterval is not null && !options.Server.IsLoopback)
        {
            throw new CliUsageException("--job-poll-interval is only for a local emulator: Vault allows one job status read per 10 s. Remove the option.");
        }

        return new ConnectionSettings(options, UseEmulator: false, pollInterval ?? VaultRules.JobPollFloor);
    }

    /// <summary>Binds, starts the emulator when asked, and connects.</summary>
    public async Task<VaultSession> ConnectAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = Bind(parseResult);
        return await VaultSession.OpenAsync(settings, context.Console, cancellationToken).ConfigureAwait(false);
    }

    private Uri ResolveServer(ParseResult parseResult)
    {
        string? vault = parseResult.GetValue(Vault) ?? EnvironmentVariables.Get(context.Environment, EnvironmentVariables.Vault);
        if (vault is null)
        {
            throw new CliUsageException(
                $"no vault given: neither --vault nor {EnvironmentVariables.Vault} is set. Pass --vault myvault.veevavault.com, set {EnvironmentVariables.Vault}, or try --emulator.");
        }

        return CliUsageException.Check(() => VaultServer.Parse(vault));
    }

    private void ApplyCredentials(VaultConnectionOptions options)
    {
        string? userName = EnvironmentVariables.Get(context.Environment, EnvironmentVariables.UserName);
        string? password = EnvironmentVariables.Get(context.Environment, EnvironmentVariables.Password);
        string? sessionId = EnvironmentVariables.Get(context.Environment, EnvironmentVariables.SessionId);

        if (userName is not null && password is not null)
        {
            // A user name and password can renew an expired login session; preferred over a fixed session id.
            options.Credential = new VaultCredential(userName, password);
            return;
        }

        if (sessionId is not null)
        {
            options.SessionId = sessionId;
            return;
        }

        if (userName is not null || password is not null)
        {
            string missing = userName is null ? EnvironmentVariables.UserName : EnvironmentVariables.Password;
            throw new CliUsageException($"incomplete credentials: {missing} is not set. Set both {EnvironmentVariables.UserName} and {EnvironmentVariables.Password}, or {EnvironmentVariables.SessionId}.");
        }

        throw new CliUsageException(
            $"no credentials: set {EnvironmentVariables.UserName} and {EnvironmentVariables.Password}, or {EnvironmentVariables.SessionId}, in the environment (credentials are never read from the command line).");
    }

    private static string ValidateApiVersion(string value)
    {
        if (!VaultRules.IsApiVersion(value))
        {
            throw new CliUsageException($"invalid --api-version '{value}': expected v<major>.<minor>. Use e.g. {VaultConnectionOptions.DefaultApiVersion}.");
        }

        return value;
    }

    private static string ValidateClientId(string value)
    {
        if (!VaultRules.IsClientId(value))
        {
            throw new CliUsageException($"invalid --client-id '{value}': only letters, digits, '.', '_' and '-' are allowed, at most 100. Choose an id like mycompany-nightly-load.");
        }

        return value;
    }
}

/// <summary>A validated connection configuration, before connecting.</summary>
internal sealed record ConnectionSettings(VaultConnectionOptions Options, bool UseEmulator, TimeSpan JobPollInterval);
