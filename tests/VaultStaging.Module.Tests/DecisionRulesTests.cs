using System;
using System.Reflection;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>The module's input and confirmation decisions as plain data (the cmdlets only carry them out).</summary>
public sealed class DecisionRulesTests
{
    [Theory]
    [InlineData(2, false, "UseMatches")]
    [InlineData(1, true, "UseMatches")] // a wildcard that matches wins over a file named like the pattern
    [InlineData(0, true, "UseLiteralPath")] // '[draft] a.txt'
    [InlineData(0, false, "NoMatch")]
    public async Task Wildcard(int matches, bool literalExists, string expected)
    {
        await using var session = await ModuleSession.StartAsync(connect: false);

        Assert.Equal(expected, Invoke("LocalInputRules", "ForWildcard", matches, literalExists).ToString());
    }

    [Theory]
    [InlineData(true, true, "Expand")]
    [InlineData(true, false, "Expand")]
    [InlineData(false, false, "SkipWithWarning")] // piped (Get-ChildItem -Recurse without -File) or matched by D:\export\*
    [InlineData(false, true, "Error")] // named as an argument
    public async Task Directory(bool recurse, bool namedExplicitly, string expected)
    {
        await using var session = await ModuleSession.StartAsync(connect: false);

        Assert.Equal(expected, Invoke("LocalInputRules", "ForDirectory", recurse, namedExplicitly).ToString());
    }

    [Theory]
    [InlineData(true, false, false, true)] // -Force: no question
    [InlineData(true, true, false, false)] // -Force -Confirm: asked anyway
    [InlineData(true, false, true, false)] // -Force -WhatIf: only tells
    [InlineData(false, false, false, false)]
    public async Task ForceSkipsThePrompt(bool force, bool confirmBound, bool whatIf, bool expected)
    {
        await using var session = await ModuleSession.StartAsync(connect: false);

        Assert.Equal(expected, (bool)Invoke("ConfirmRules", "SkipsPrompt", force, confirmBound, whatIf));
    }

    private static object Invoke(string type, string method, params object[] arguments)
        => LoadedModule.Module.GetType("VaultStaging.Module." + type, throwOnError: true)!
            .GetMethod(method, BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, arguments)!;
}
