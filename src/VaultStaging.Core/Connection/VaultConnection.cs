using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Http;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Connection;

/// <summary>
/// One authenticated Vault session: sends requests with the session header and client id,
/// renews the login session (once per failing call) when it holds credentials, reads the rate-limit
/// headers into a process-wide governor, and unwraps the response envelope into typed errors.
/// Thread-safe: parallel uploads share one connection.
/// </summary>
public sealed class VaultConnection : IDisposable
{
    /// <summary>
    /// Enough sockets for parallel file uploads on one connection (the module's -ThrottleLimit is at most 64 files, each
    /// with one part on the wire). On .NET Framework the same number goes to ServicePointManager for the vault's host.
    /// </summary>
    public const int MaxConnectionsPerServer = 64;


    private readonly IConnectionOpener? opener;
    private int disconnected;

    private VaultConnection(VaultHttpPipeline pipeline, VaultIdentity identity, IConnectionOpener? opener)
    {
        this.opener = opener;
        Pipeline = pipeline;
        Server = pipeline.Server;
        ApiVersion = pipeline.ApiVersion;
        ClientId = pipeline.ClientId;
        Identity = identity;
        CanRenewSession = pipeline.Session.CanRenew;
        Staging = new FileStagingClient(pipeline);
    }

    public Uri Server { get; private set; }

    /// <summary>
    /// What a request costs at least (the quickest request-to-answer time so far, login and who-am-I at connect):
    /// the link's round trip, which sets how many files must be in flight to fill it.
    /// </summary>
    public TimeSpan RoundTrip => Pipeline.FastestRoundTrip ?? TimeSpan.Zero;

    public string ApiVersion { get; private set; }

    public string ClientId { get; private set; }

    public VaultIdentity Identity { get; private set; }

    /// <summary>True when the connection can log in again by itself.</summary>
    public bool CanRenewSession { get; private set; }

    /// <summary>The file staging API over this connection.</summary>
    public FileStagingClient Staging { get; private set; }

    /// <summary>X-VaultAPI-BurstLimit from the latest response that carried it.</summary>
    public int? BurstLimit => Pipeline.Governor.BurstLimit;

    /// <summary>X-VaultAPI-BurstLimitRemaining from the latest response that carried it.</summary>
    public int? BurstLimitRemaining => Pipeline.Governor.BurstLimitRemaining;

    internal VaultHttpPipeline Pipeline { get; }

    /// <summary>The caller's log, every line redacted: handed to the transfer steps that write to it.</summary>
    internal IVaultLog Log => Pipeline.Log;
    /// <summary>The connection's one source of time and delay (<see cref="VaultConnectionOptions.TimeProvider"/>).</summary>
    internal TimeProvider Time => Pipeline.Time;

    /// <summary>
    /// A ceiling on the bytes per second of every upload and download on this connection together (a daytime job
    /// that must not fill the office line); null = as fast as the link allows. May be changed between transfers.
    /// </summary>
    public long? MaxBytesPerSecond
    {
        get => Pipeline.Cap?.BytesPerSecond;
        set => Pipeline.Cap = value is { } rate ? new BandwidthCap(rate, Pipeline.Time) : null;
    }

    /// <summary>How much Vault delayed this connection's requests (burst limit), for the end of a run; null when never.</summary>
    public string? ThrottlingSummary() => Pipeline.Governor.Throttled.Summary();

    /// <summary>
    /// Authenticates (or adopts the given session id), checks the session belongs to the vault asked for,
    /// and learns the user's id and admin-ness.
    /// </summary>
    public static async Task<VaultConnection> ConnectAsync(VaultConnectionOptions options, CancellationToken cancellationToken = default)
    {
        var server = Validate(options);
        NetFrameworkNetworking.Prepare(server, MaxConnectionsPerServer);
        var redactor = new Redactor();
        redactor.AddSecret(options.Credential?.Password);
        redactor.AddSecret(options.SessionId);
        var log = new SafeLog(options.Log, redactor);
        var apiVersion = options.ApiVersion;

        Authenticator? authenticator = null;
        VaultHttpPipeline? pipeline = null;
        var session = new SessionRenewer(
            options.Credential is null ? null : token => authenticator!.LoginAsync(token),
            options.TimeProvider,
            redactor);
        try
        {
            pipeline = new VaultHttpPipeline(
                server,
                apiVersion,
                options.ClientId,
                CreateHttpClient(options),
                options.RequestTimeout,
                options.Retry,
                options.TimeProvider,
                session,
                log,
                redactor);
            authenticator = options.Credential is null ? null : new Authenticator(pipeline, options.Credential);

            long vaultId = 0;
            if (authenticator is not null)
            {
                var login = await authenticator.LoginWithVaultIdAsync(cancellationToken).ConfigureAwait(false);
                session.Adopt(login.SessionId);
                vaultId = login.VaultId;
            }
            else
            {
                session.Adopt(options.SessionId!);
            }

            VaultIdentity identity;
            try
            {
                identity = await Authenticator.WhoAmIAsync(pipeline, vaultId, cancellationToken).ConfigureAwait(false);
            }
            catch (VaultStagingException expired) when (authenticator is null && expired.ErrorId == VaultErrorIds.SessionExpired)
            {
                throw new VaultStagingException(
                    VaultErrorIds.SessionExpired,
                    VaultErrorCategory.AuthenticationError,
                    $"Vault at {server.Authority} did not accept the given session id or API access token (expired, ended or from another vault); connect again with a user name and password or a fresh session id.",
                    expired);
            }

            log.Verbose($"Connected to {server.Authority} as {identity.UserName} (user id {identity.UserId}{(identity.IsAdmin ? ", admin" : "")}).");
            return new VaultConnection(pipeline, identity, options.HttpHandler is null ? null : options.ConnectionOpener);
        }
        catch
        {
            pipeline?.Dispose();
            throw;
        }
    }

    /// <summary>Has this many connections to the server open or opening, when the handler can open them ahead (<see cref="IConnectionOpener"/>).</summary>
    internal void OpenConnectionsAhead(int connections) => opener?.OpenAhead(Math.Min(connections, MaxConnectionsPerServer));

    /// <summary>Ends the login session on the server (DELETE /session). Safe to call twice.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref disconnected, 1) != 0)
        {
            return;
        }

        await Authenticator.EndSessionAsync(Pipeline, Pipeline.Session.Current, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => Pipeline.Dispose();

    public override string ToString() => $"{Identity.UserName}@{Server.Authority}";

    /// <summary>Checks the options and returns the server address, re-parsed so the https-only rule also holds for a Uri built by the caller.</summary>
    private static Uri Validate(VaultConnectionOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (options.Server is null || !options.Server.IsAbsoluteUri)
        {
            throw new VaultStagingException(VaultErrorIds.InvalidServerUrl, VaultErrorCategory.InvalidArgument, "No Vault server was given; pass a DNS name such as myvault.veevavault.com.");
        }

        var server = VaultServer.Parse(options.Server.GetLeftPart(UriPartial.Authority));

        if (!VaultRules.IsClientId(options.ClientId))
        {
            throw new VaultStagingException(
                VaultErrorIds.InvalidClientId,
                VaultErrorCategory.InvalidArgument,
                $"The client id '{options.ClientId}' is not valid: use at most 100 letters, digits, '.', '_' or '-'.")
            {
                Target = options.ClientId,
            };
        }

        VaultRules.ParseApiVersion(options.ApiVersion);

        if (options.Credential is null && string.IsNullOrWhiteSpace(options.SessionId))
        {
            throw new VaultStagingException(
                VaultErrorIds.CredentialRequired,
                VaultErrorCategory.AuthenticationError,
                "Give a user name and password, or an existing session id or API access token, to connect to Vault.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new VaultStagingException(VaultErrorIds.InvalidRequestTimeout, VaultErrorCategory.InvalidArgument, "The request timeout must be positive.");
        }

        return server;
    }

    private static HttpClient CreateHttpClient(VaultConnectionOptions options)
    {
        if (options.HttpHandler is { } handler)
        {
            return new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        // The CLI's ConnectionsAhead builds its SocketsHttpHandler with the same three settings: change both together.
        var own = new HttpClientHandler
        {
            // Vault never redirects API calls; following one could carry the session elsewhere.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        try
        {
            own.MaxConnectionsPerServer = MaxConnectionsPerServer;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework: ServicePointManager governs the limit instead (raised by NetFrameworkNetworking.Prepare).
        }

        return new HttpClient(own, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
