using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class HelpTests
{
    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    [Fact]
    public async Task GetHelpFull_HasSynopsisDescriptionExamples_AndEveryParameter_ForEveryCmdlet()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        var names = session.InvokeChecked("(Get-Command -Module VaultStaging).Name").Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(17, names.Count);

        foreach (var name in names)
        {
            session.SetVariable("name", name);
            var help = Assert.Single(session.InvokeChecked("Get-Help -Name $name -Full"));
            var synopsis = ((string)help.Properties["Synopsis"].Value).Trim();
            Assert.False(string.IsNullOrWhiteSpace(synopsis), name);
            Assert.DoesNotContain("[<CommonParameters>]", synopsis);
            Assert.NotEmpty(session.InvokeChecked("(Get-Help -Name $name -Full).description.Text | Where-Object { $_ }"));
            Assert.NotEmpty(session.InvokeChecked("(Get-Help -Name $name -Full).examples.example.code | Where-Object { $_ }"));

            var documented = session.InvokeChecked("(Get-Help -Name $name -Full).parameters.parameter.name").Where(o => o is not null).Select(o => (string)o.BaseObject).ToHashSet();
            var declared = session.InvokeChecked("(Get-Command -Name $name).Parameters.Keys").Select(o => (string)o.BaseObject).Where(p => !CommonParameters.Contains(p));
            foreach (var parameter in declared)
            {
                Assert.True(documented.Contains(parameter), $"{name} -{parameter} is not in docs/en-US/{name}.md.");
            }
        }
    }

    [Fact]
    public async Task AboutTopic_IsFound()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);

        var about = string.Join("\n", session.InvokeChecked("Get-Help about_VaultStaging").Select(o => o.ToString()));

        Assert.Contains("RESUMING", about);
        Assert.Contains("SCHEDULING", about);
        Assert.Contains("Connect-Vault", about);
    }

    [Fact]
    public void EveryCmdlet_HasAMarkdownSource()
    {
        var docs = Path.Combine(ModulePaths.RepoRoot, "docs", "en-US");
        var manifest = ModuleConventionTests.ReadManifest(ModulePaths.Manifest);
        foreach (var name in ((object[])manifest["CmdletsToExport"]!).Cast<string>())
        {
            Assert.True(File.Exists(Path.Combine(docs, name + ".md")), name);
        }
    }

    [Theory]
    [InlineData("Send-VaultFile")]
    [InlineData("New-VaultUploadSession")]
    public async Task PartSizeHelp_StatesTheDefaultTheEngineUses(string cmdlet)
    {
        await using var session = await ModuleSession.StartAsync(); // connecting loads VaultStaging.Core
        var partPlan = LoadedModule.Core.GetType("VaultStaging.Core.Transfer.PartPlan", throwOnError: true)!;
        var bytes = (long)partPlan.GetField("DefaultPartSize")!.GetRawConstantValue()!;
        session.SetVariable("name", cmdlet);

        var help = Assert.Single(session.InvokeChecked("Get-Help -Name $name -Parameter PartSize"));
        var description = string.Join(" ", session.InvokeChecked("(Get-Help -Name $name -Parameter PartSize).description.Text"));

        Assert.Contains($"{bytes / (1024 * 1024)} MiB ({bytes:N0} bytes)", description, StringComparison.Ordinal);
        Assert.Contains(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), help.Properties["defaultValue"].Value.ToString());
        Assert.DoesNotContain("16 MB", description, StringComparison.Ordinal);
    }
}
