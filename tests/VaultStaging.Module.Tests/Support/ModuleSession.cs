using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Tests.Support;

namespace VaultStaging.Module.Tests.Support;

/// <summary>
/// An emulator plus a runspace that imported the built module (output/VaultStaging) and, unless told not to,
/// connected to the emulator as admin/admin.
/// </summary>
public sealed class ModuleSession : IAsyncDisposable
{
    public const string UserName = "admin";
    public const string Password = "admin";

    private readonly List<PowerShell> _shells = new();

    private ModuleSession(EmulatorServer server, Runspace runspace)
    {
        Server = server;
        Runspace = runspace;
    }

    public EmulatorServer Server { get; }

    public Runspace Runspace { get; }

    public static async Task<ModuleSession> StartAsync(Action<EmulatorOptions>? configure = null, bool connect = true)
    {
        var options = new EmulatorOptions();
        options.Limits.JobPollInterval = TimeSpan.Zero;
        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options);
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        var session = new ModuleSession(server, runspace);
        runspace.SessionStateProxy.SetVariable("VaultUrl", server.BaseUrl.ToString());
        runspace.SessionStateProxy.SetVariable("VaultCredential", Credential(UserName, Password));
        session.InvokeChecked($"Import-Module '{ModulePaths.Manifest}' -ErrorAction Stop");
        if (connect)
        {
            session.InvokeChecked("Connect-Vault -Server $VaultUrl -Credential $VaultCredential -JobPollInterval 00:00:00.05");
        }

        return session;
    }

    /// <summary>Another runspace in this process with the module imported (not connected); the caller disposes it.</summary>
    public Runspace OpenSecondRunspace()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("VaultUrl", Server.BaseUrl.ToString());
        runspace.SessionStateProxy.SetVariable("VaultCredential", Credential(UserName, Password));
        InvokeIn(runspace, $"Import-Module '{ModulePaths.Manifest}' -ErrorAction Stop");
        return runspace;
    }

    /// <summary>Runs a script in <paramref name="runspace"/>; fails the test on any error record.</summary>
    public static Collection<PSObject> InvokeIn(Runspace runspace, string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var output = shell.Invoke();
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"'{script}' wrote errors: {string.Join("; ", shell.Streams.Error)}");
        }

        return output;
    }

    public static PSCredential Credential(string user, string password)
        => new(user, new NetworkCredential(string.Empty, password).SecurePassword);

    public void SetLocation(string path) => Runspace.SessionStateProxy.Path.SetLocation(path);

    public void SetVariable(string name, object? value) => Runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script (input piped to it when given); terminating errors throw, the shell keeps the streams.</summary>
    public PowerShell Run(string script, IEnumerable? input, out Collection<PSObject> output)
    {
        var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        _shells.Add(shell);
        shell.AddScript(script);
        output = input is null ? shell.Invoke() : shell.Invoke(input);
        return shell;
    }

    public Collection<PSObject> Invoke(string script, IEnumerable? input = null)
    {
        Run(script, input, out var output);
        return output;
    }

    /// <summary>Like <see cref="Invoke"/> but fails the test on any error record.</summary>
    public Collection<PSObject> InvokeChecked(string script, IEnumerable? input = null)
    {
        var shell = Run(script, input, out var output);
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"'{script}' wrote errors: {string.Join("; ", shell.Streams.Error)}");
        }

        return output;
    }

    public PowerShell NewShell(string script)
    {
        var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        _shells.Add(shell);
        shell.AddScript(script);
        return shell;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The default connection is process-wide and outlives Remove-Module: end it, so the next test starts unconnected.
            var shell = NewShell("Disconnect-Vault -ErrorAction SilentlyContinue; Remove-Module VaultStaging -ErrorAction SilentlyContinue");
            shell.Invoke();
        }
        catch (Exception)
        {
            // Best effort: the runspace is closed below anyway.
        }

        foreach (var shell in _shells)
        {
            shell.Dispose();
        }

        Runspace.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Where the built module is: output/VaultStaging under the repository root.</summary>
public static class ModulePaths
{
    public static string RepoRoot => RepoPaths.Root;

    public static string ModuleFolder => Path.Combine(RepoRoot, "output", "VaultStaging");

    public static string Manifest => Path.Combine(ModuleFolder, "VaultStaging.psd1");
}
