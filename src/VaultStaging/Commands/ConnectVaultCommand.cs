using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using VaultStaging.Core.Connection;

namespace VaultStaging.Module.Commands;

/// <summary>
/// Connect-Vault: opens a connection with a user name and password or an existing session id and makes it the
/// module's default (one per process, replaced by the last Connect-Vault); -PassThru outputs it for -Connection.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Vault", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(VaultConnectionInfo))]
public sealed class ConnectVaultCommand : VaultCmdlet
{
    private const string CredentialSet = "Credential";
    private const string SessionIdSet = "SessionId";

    /// <summary>The Vault DNS name (myvault.veevavault.com) or its https URL.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Server { get; set; } = "";

    /// <summary>User name and password; the session is renewed automatically when it expires.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>An existing session id or API access token; it cannot be renewed when it expires.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SessionIdSet)]
    public SecureString? SessionId { get; set; }

    /// <summary>The API version, e.g. v26.1.</summary>
    [Parameter]
    [ValidatePattern(VaultRules.ApiVersionPattern)]
    public string ApiVersion { get; set; } = VaultConnectionOptions.DefaultApiVersion;

    /// <summary>The client id recorded in Vault's API usage log (letters, digits, '.', '_', '-').</summary>
    [Parameter]
    [ValidatePattern(VaultRules.ClientIdPattern)]
    public string ClientId { get; set; } = VaultConnectionOptions.DefaultClientId;

    /// <summary>How often commit jobs are polled. Vault allows one status read per job every 10 seconds; lower it only for the emulator.</summary>
    [Parameter]
    public TimeSpan JobPollInterval { get; set; } = VaultRules.JobPollFloor;

    /// <summary>
    /// At most this many bytes per second for every upload and download over this connection together (a daytime job
    /// that must not fill the office line). Without it, as fast as the link allows.
    /// </summary>
    [Parameter]
    [ValidateRange(1024L, long.MaxValue)]
    public long MaximumBytesPerSecond { get; set; }

    /// <summary>Outputs the connection, to give to the -Connection parameter of the other cmdlets.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var options = new VaultConnectionOptions
        {
            ApiVersion = ApiVersion,
            ClientId = ClientId,
            Log = ModuleLog.Instance,
        };

        VaultConnection connection;
        try
        {
            options.Server = VaultServer.Parse(Server);
            if (ParameterSetName == SessionIdSet)
            {
                options.SessionId = new NetworkCredential(string.Empty, SessionId).Password;
            }
            else
            {
                var network = Credential.GetNetworkCredential();
                options.Credential = new VaultCredential(Credential.UserName, network.Password);
            }

            connection = RunEngine(token => VaultConnection.ConnectAsync(options, token));
        }
        catch (Exception exception) when (exception is not PipelineStoppedException)
        {
            ThrowMappedError(exception, Server);
            return;
        }

        if (MaximumBytesPerSecond > 0)
        {
            connection.MaxBytesPerSecond = MaximumBytesPerSecond;
        }

        var vault = new ConnectedVault(connection, JobPollInterval);
        ModuleConnection.Replace(vault);
        WriteVerbose($"Connected to {connection.Server} as {connection.Identity.UserName} (user id {connection.Identity.UserId}); this is now the default connection of every runspace in this process.");
        if (PassThru)
        {
            WriteObject(new VaultConnectionInfo(vault));
        }
    }
}
