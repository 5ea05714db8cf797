using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>Issue 12 point 11: the resolve handler serves our dependencies to us only, never to other modules.</summary>
public sealed class DependencyResolverTests
{
    private static readonly string ModuleFolder = Path.Combine(Path.GetTempPath(), "Modules", "VaultStaging");

    private static readonly Dictionary<string, Version?> Shipped = new(StringComparer.OrdinalIgnoreCase)
    {
        ["System.Text.Json"] = new Version(8, 0, 0, 0),
        ["VaultStaging.Core"] = new Version(0, 1, 0, 0),
    };

    [Theory]
    [InlineData("System.Text.Json, Version=8.0.0.0", "Dependencies/VaultStaging.Core.dll", true)] // our Core asks
    [InlineData("System.Text.Json, Version=6.0.0.0", "VaultStaging.dll", true)] // ours asks, any version
    [InlineData("System.Text.Json, Version=8.0.0.0", "../OtherModule/Other.dll", false)] // another module: never
    [InlineData("System.Text.Json, Version=8.0.0.0", "", false)] // a dynamic or in-memory assembly
    [InlineData("System.Text.Json, Version=8.0.0.0", null, true)] // unknown requester, the exact version we ship
    [InlineData("System.Text.Json, Version=8.0.0.1", null, false)] // unknown requester, another version
    [InlineData("System.Text.Json", null, false)] // unknown requester, no version
    [InlineData("Newtonsoft.Json, Version=13.0.0.0", "VaultStaging.dll", false)] // not one of our dependencies
    public async Task ShouldAnswer_OnlyOurDependencies_OnlyToUs_OrForTheExactVersionWeShip(string requested, string? requester, bool expected)
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        var shouldAnswer = Resolver().GetMethod("ShouldAnswer", BindingFlags.Static | BindingFlags.NonPublic)!;
        var location = requester is null ? null : requester.Length == 0 ? "" : Path.GetFullPath(Path.Combine(ModuleFolder, requester));

        var answer = (bool)shouldAnswer.Invoke(null, new object?[] { new AssemblyName(requested), location, ModuleFolder, Shipped })!;

        Assert.Equal(expected, answer);
    }

    [Fact]
    public async Task TheInstalledHandler_GivesOurJsonToTheModule_AndNothingToAnotherRequester()
    {
        await using var session = await ModuleSession.StartAsync();
        var handler = Resolver().GetMethod("OnAssemblyResolve", BindingFlags.Static | BindingFlags.NonPublic)!;
        var name = "System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";

        var forUs = (Assembly?)handler.Invoke(null, new object?[] { null, new ResolveEventArgs(name, LoadedModule.Module) });
        var forOthers = (Assembly?)handler.Invoke(null, new object?[] { null, new ResolveEventArgs(name, typeof(Xunit.Assert).Assembly) });

        Assert.NotNull(forUs);
        Assert.StartsWith(Path.Combine(ModulePaths.ModuleFolder, "Dependencies"), forUs!.Location, StringComparison.Ordinal);
        Assert.Null(forOthers);
    }

    private static Type Resolver() => LoadedModule.Module.GetType("VaultStaging.Module.DependencyResolver", throwOnError: true)!;
}
