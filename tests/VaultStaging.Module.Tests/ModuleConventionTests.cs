using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>Metadata, manifest, layout and loading of the built module.</summary>
public sealed class ModuleConventionTests
{
    private static readonly string[] ServerChanging =
    {
        "Send-VaultFile", "Send-VaultFilePart", "New-VaultUploadSession", "Complete-VaultUploadSession",
        "Remove-VaultUploadSession", "New-VaultStagingFolder", "Remove-VaultStagingItem",
        "Move-VaultStagingItem", "Rename-VaultStagingItem",
        "Save-VaultStagingItem", // changes the local disk: -WhatIf as well
    };

    /// <summary>The cmdlets that make or show the default connection; every other one talks to the server and takes -Connection.</summary>
    private static readonly string[] LocalOnly = { "Connect-Vault", "Get-VaultConnection" };

    [Fact]
    public async Task EveryCmdlet_HasAnApprovedVerb_OutputType_AndShouldProcessWhenItChangesTheServer()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        var cmdlets = CmdletTypes();
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        Assert.Equal(17, cmdlets.Count);
        foreach (var (name, type) in cmdlets)
        {
            var cmdlet = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
            Assert.Contains((string)cmdlet.ConstructorArguments[0].Value!, approved);
            Assert.Contains(type.GetCustomAttributesData(), a => a.AttributeType.Name == "OutputTypeAttribute");
            var supportsShouldProcess = cmdlet.NamedArguments.Any(a => a.MemberName == "SupportsShouldProcess" && (bool)a.TypedValue.Value!);
            Assert.True(supportsShouldProcess == ServerChanging.Contains(name), $"{name}: SupportsShouldProcess is {supportsShouldProcess}.");
            Assert.True(type.IsSealed, $"{name} should be sealed.");
            var takesConnection = type.GetProperty("Connection") is not null;
            Assert.True(takesConnection == !LocalOnly.Contains(name), $"{name}: -Connection is {(takesConnection ? "there" : "missing")}.");
        }
    }

    [Fact]
    public async Task ManifestExports_EqualTheCmdletsDefined_AndNothingElse()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        var manifest = ReadManifest(ModulePaths.Manifest);

        var exported = ((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(n => n).ToList();
        Assert.Equal(CmdletTypes().Keys.OrderBy(n => n), exported);
        Assert.Empty((object[])manifest["FunctionsToExport"]!);
        Assert.Empty((object[])manifest["VariablesToExport"]!);
        Assert.Empty((object[])manifest["AliasesToExport"]!);
        Assert.Equal(new[] { "Desktop", "Core" }, ((object[])manifest["CompatiblePSEditions"]!).Cast<string>());
        Assert.Equal("5.1", manifest["PowerShellVersion"]);
        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        foreach (var uri in new[] { manifest["HelpInfoUri"], psData["ProjectUri"], psData["LicenseUri"] })
        {
            Assert.True(Uri.TryCreate(uri as string, UriKind.Absolute, out var parsed) && parsed.Scheme == "https", $"'{uri}' is not an absolute https URI.");
        }

        var commands = session.InvokeChecked("(Get-Command -Module VaultStaging).Name").Select(o => (string)o.BaseObject).OrderBy(n => n);
        Assert.Equal(exported, commands);
    }

    [Fact]
    public void OutputFolder_HasTheDllAtTheRoot_ThirdPartyDllsOnlyUnderDependencies_AndHelp()
    {
        var root = ModulePaths.ModuleFolder;
        Assert.Equal(new[] { "VaultStaging.dll" }, Directory.GetFiles(root, "*.dll").Select(Path.GetFileName));
        var allDlls = Directory.GetFiles(root, "*.dll", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToList();
        Assert.All(allDlls.Where(f => f != "VaultStaging.dll"), f => Assert.StartsWith("Dependencies/", f));
        Assert.Contains("Dependencies/VaultStaging.Core.dll", allDlls);
        Assert.Contains("Dependencies/System.Text.Json.dll", allDlls);
        Assert.DoesNotContain(allDlls, f => f.EndsWith("System.Management.Automation.dll", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(root, "VaultStaging.psd1")));
        Assert.True(File.Exists(Path.Combine(root, "VaultStaging.Format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(root, "en-US", "VaultStaging.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(root, "en-US", "about_VaultStaging.help.txt")));
        Assert.NotEmpty(ReadManifest(Path.Combine(root, "VaultStaging.psd1")));
    }

    [Fact]
    public async Task Importing_LoadsOurSystemTextJson_FromDependencies_InAPrivateLoadContext()
    {
        await using var session = await ModuleSession.StartAsync();
        var dependencies = Path.Combine(ModulePaths.ModuleFolder, "Dependencies");

        var core = LoadedModule.Find("VaultStaging.Core", dependencies);
        var ourJson = LoadedModule.Find("System.Text.Json", dependencies);
        var context = AssemblyLoadContext.GetLoadContext(core)!;

        Assert.Equal("VaultStaging", context.Name);
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(ourJson));
        Assert.Equal(new Version(8, 0, 0, 0), ourJson.GetName().Version);
        Assert.Contains(core.GetReferencedAssemblies(), r => r.Name == "System.Text.Json");
        var enginesJson = typeof(System.Text.Json.JsonSerializer).Assembly;
        Assert.NotSame(enginesJson, ourJson);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(enginesJson));
        Assert.Equal(ourJson, context.Assemblies.Single(a => a.GetName().Name == "System.Text.Json"));
    }

    [Fact]
    public void FormatFile_Loads()
    {
        var path = Path.Combine(ModulePaths.ModuleFolder, "VaultStaging.Format.ps1xml");
        var table = new FormatTable(new[] { path });
        Assert.NotNull(table);
        var text = File.ReadAllText(path);
        foreach (var type in new[] { "VaultStaging.Module.VaultUploadResult", "VaultStaging.Module.VaultConnectionInfo", "VaultStaging.Core.Staging.StagingItem", "VaultStaging.Core.Staging.UploadSessionInfo", "VaultStaging.Core.Staging.VaultJob", "VaultStaging.Core.Transfer.ResumableUpload", "VaultStaging.Core.Staging.UploadedPart", "VaultStaging.Core.Download.DownloadResult" })
        {
            Assert.Contains($"<TypeName>{type}</TypeName>", text);
        }
    }

    internal static Dictionary<string, Type> CmdletTypes()
        => LoadedModule.Module.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(PSCmdlet).IsAssignableFrom(t))
            .ToDictionary(
                t =>
                {
                    var attribute = t.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
                    return $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}";
                },
                t => t);

    /// <summary>Parses a .psd1 the way Import-PowerShellDataFile does: data only, no code runs.</summary>
    internal static Hashtable ReadManifest(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.Empty(errors);
        var hashtable = Assert.IsType<HashtableAst>(ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false));
        return (Hashtable)hashtable.SafeGetValue();
    }
}
