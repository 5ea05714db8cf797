using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Emulator;

namespace VaultStaging.Cli;

/// <summary>An open connection for one command, plus the in-process emulator behind it when --emulator was given.</summary>
internal sealed class VaultSession : IAsyncDisposable
{
    private static readonly TimeSpan LogoutTimeout = TimeSpan.FromSeconds(5);

    private readonly EmulatorServer? emulator;
    private readonly ConnectionsAhead? connections;
    private readonly bool ownsLoginSession;

    private VaultSession(VaultConnection connection, EmulatorServer? emulator, ConnectionsAhead? connections, bool ownsLoginSession, TimeSpan jobPollInterval)
    {
        Connection = connection;
        this.emulator = emulator;
        this.connections = connections;
        this.ownsLoginSession = ownsLoginSession;
        JobPollInterval = jobPollInterval;
    }

    public VaultConnection Connection { get; }

    public TimeSpan JobPollInterval { get; }

    public static async Task<VaultSession> OpenAsync(ConnectionSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        EmulatorServer? emulator = null;
        ConnectionsAhead? connections = null;
        try
        {
            if (settings.UseEmulator)
            {
                emulator = await InProcessEmulator.StartAsync(cancellationToken).ConfigureAwait(false);
                settings.Options.Server = emulator.BaseUrl;
                console.WriteErrorLine(ErrorReporter.Prefix + "using a temporary in-process emulator at " + settings.Options.Server + " (its files are deleted on exit).");
            }

            if (settings.Options.HttpHandler is null)
            {
                connections = new ConnectionsAhead(settings.Options.Server, VaultConnection.MaxConnectionsPerServer);
                settings.Options.HttpHandler = connections.Handler;
                settings.Options.ConnectionOpener = connections;

                // The login's connection: its handshake overlaps setting up the connection and the login request.
                connections.OpenAhead(1);
            }

            var connection = await VaultConnection.ConnectAsync(settings.Options, cancellationToken).ConfigureAwait(false);
            return new VaultSession(connection, emulator, connections, ownsLoginSession: settings.Options.Credential is not null, settings.JobPollInterval);
        }
        catch
        {
            connections?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Only a session this run logged in is ended; a session id from the environment belongs to the caller.
        if (ownsLoginSession)
        {
            using var timeout = new CancellationTokenSource(LogoutTimeout);
            try
            {
                await Connection.DisconnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Best effort: an unended login session simply times out on the server.
            }
        }

        Connection.Dispose();
        connections?.Dispose();
        if (emulator is not null)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
