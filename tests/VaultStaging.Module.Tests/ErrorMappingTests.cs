using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

/// <summary>The mapping from engine exceptions to (ErrorId, ErrorCategory, message, target), as plain data.</summary>
public sealed class ErrorMappingTests
{
    [Fact]
    public async Task EngineAndLocalExceptions_MapToStableIdsAndCategories()
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        session.InvokeChecked("Get-VaultConnection");
        var core = LoadedModule.Core;
        var category = core.GetType("VaultStaging.Core.VaultErrorCategory", throwOnError: true)!;
        var staging = Activator.CreateInstance(core.GetType("VaultStaging.Core.VaultStagingException", throwOnError: true)!,
            "StagingItemExists", Enum.Parse(category, "ResourceExists"), "'/a.txt' already exists.", null)!;
        var api = Activator.CreateInstance(core.GetType("VaultStaging.Core.VaultApiException", throwOnError: true)!,
            "INVALID_SESSION_ID", "Invalid or inactive session.", 200, "exec-1", null)!;

        AssertMaps(staging, "/local/a.txt", "StagingItemExists", ErrorCategory.ResourceExists, "'/a.txt' already exists.", "/local/a.txt");
        AssertMaps(api, "x", "VaultInvalidSessionId", ErrorCategory.AuthenticationError, "Invalid or inactive session.", "x");
        AssertMaps(new OperationCanceledException(), "f", "OperationStopped", ErrorCategory.OperationStopped, null, "f");
        AssertMaps(new UnauthorizedAccessException("denied"), "f", "LocalFileAccessDenied", ErrorCategory.PermissionDenied, "denied", "f");
        AssertMaps(new FileNotFoundException("gone"), "f", "LocalPathNotFound", ErrorCategory.ObjectNotFound, "gone", "f");
        AssertMaps(new IOException("locked"), "f", "LocalFileReadFailed", ErrorCategory.ReadError, "locked", "f");
        AssertMaps(new InvalidOperationException("odd"), null, "UnexpectedError", ErrorCategory.NotSpecified, "odd", null);
    }

    private static void AssertMaps(object exception, object? target, string errorId, ErrorCategory category, string? message, object? expectedTarget)
    {
        var mapping = LoadedModule.Module.GetType("VaultStaging.Module.ErrorMapping", throwOnError: true)!;
        dynamic info = mapping.GetMethod("Map")!.Invoke(null, new[] { exception, target })!;
        Assert.Equal(errorId, (string)info.ErrorId);
        Assert.Equal(category, (ErrorCategory)info.Category);
        if (message is not null)
        {
            Assert.Equal(message, (string)info.Message);
        }

        Assert.Equal(expectedTarget, (object?)info.Target);
    }
}
