using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using VaultStaging.Emulator;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class SecretsAndCompletionTests
{
    private const string Password = "Pw-Xq93-not-in-logs";

    [Fact]
    public async Task VerboseAndDebugRuns_NeverShowThePasswordOrTheSessionId()
    {
        await using var session = await ModuleSession.StartAsync(o => o.Users.Add(new EmulatorUser("robot", Password, true, 1000)), connect: false);
        using var tree = new TempTree();
        tree.Add("a.txt", 10);
        session.SetVariable("VaultCredential", ModuleSession.Credential("robot", Password));
        var sessionId = await LoginAsync(session.Server.BaseUrl, "robot", Password);
        session.SetVariable("token", new System.Net.NetworkCredential(string.Empty, sessionId).SecurePassword);

        var texts = new List<string>();
        foreach (var script in new[]
        {
            "Connect-Vault -Server $VaultUrl -Credential $VaultCredential -JobPollInterval 00:00:00.05 -PassThru -Verbose -Debug",
            "$input | Send-VaultFile -Destination /secret -PassThru -Verbose -Debug; Get-VaultConnection; Get-VaultStagingItem /secret -Verbose -Debug",
            "Send-VaultFile -LiteralPath /nonexistent/file.txt -Destination /secret -Verbose -Debug",
            "Connect-Vault -Server $VaultUrl -SessionId $token -JobPollInterval 00:00:00.05 -PassThru -Verbose -Debug",
            "$input | Send-VaultFile -Destination /secret -Overwrite -Verbose -Debug; Disconnect-Vault -Verbose -Debug",
        })
        {
            var shell = session.Run("$DebugPreference = 'Continue'; " + script, tree.Files, out var output);
            texts.AddRange(output.Select(o => o.ToString()));
            texts.AddRange(output.SelectMany(o => o.Properties.Select(p => $"{p.Name}={p.Value}")));
            texts.AddRange(shell.Streams.Verbose.Select(r => r.Message));
            texts.AddRange(shell.Streams.Debug.Select(r => r.Message));
            texts.AddRange(shell.Streams.Warning.Select(r => r.Message));
            texts.AddRange(shell.Streams.Information.Select(r => r.ToString()));
            texts.AddRange(shell.Streams.Error.Select(r => r.ToString() + r.Exception));
        }

        Assert.Contains(texts, t => t.Contains("/secret", StringComparison.Ordinal));
        Assert.True(texts.Count(t => t.Length > 0) > 10, "The run should have said something on -Verbose/-Debug.");
        Assert.DoesNotContain(texts, t => t.Contains(Password, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(sessionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TabCompletion_ListsRemoteStagingFolders_ForDestination()
    {
        await using var session = await ModuleSession.StartAsync();
        session.InvokeChecked("New-VaultStagingFolder -Path /inbound, /incoming, /outbound");
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;

        var input = "Send-VaultFile -Destination /in";
        var completion = CommandCompletion.CompleteInput(input, input.Length, null, shell);
        var texts = completion.CompletionMatches.Select(m => m.CompletionText).ToList();

        Assert.Contains("/inbound/", texts);
        Assert.Contains("/incoming/", texts);
        Assert.DoesNotContain("/outbound/", texts);
    }

    [Fact]
    public async Task TabCompletion_ListsTheServerOfTheConnectionGivenOnTheLine()
    {
        await using var session = await ModuleSession.StartAsync(
            options =>
            {
                options.Users.Add(new VaultStaging.Emulator.EmulatorUser("admin", "admin", true, 1000));
                options.Users.Add(new VaultStaging.Emulator.EmulatorUser("carol", "secret", false, 1001));
            },
            connect: false);
        session.SetVariable("carolCredential", ModuleSession.Credential("carol", "secret"));
        session.InvokeChecked("$carol = Connect-Vault -Server $VaultUrl -Credential $carolCredential -PassThru; New-VaultStagingFolder -Path /carols-own -Connection $carol");
        session.InvokeChecked("Connect-Vault -Server $VaultUrl -Credential $VaultCredential"); // the default is admin's
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;

        var withCarol = "Get-VaultStagingItem -Connection $carol -Path /car";
        var withDefault = "Get-VaultStagingItem -Path /car";
        var carols = CommandCompletion.CompleteInput(withCarol, withCarol.Length, null, shell).CompletionMatches.Select(m => m.CompletionText);
        var admins = CommandCompletion.CompleteInput(withDefault, withDefault.Length, null, shell).CompletionMatches.Select(m => m.CompletionText);

        Assert.Contains("/carols-own/", carols);
        Assert.DoesNotContain("/carols-own/", admins);
    }

    private static async Task<string> LoginAsync(Uri baseUrl, string user, string password)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var response = await http.PostAsync("api/v26.1/auth", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("sessionId").GetString()!;
    }
}
