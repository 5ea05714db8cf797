using System;
using System.IO;
using VaultStaging.Cli;
using VaultStaging.Core;
using Xunit;

namespace VaultStaging.Tests.Cli;

public sealed class ErrorReporterTests
{
    [Theory]
    [InlineData(VaultErrorCategory.AuthenticationError, 2)]
    [InlineData(VaultErrorCategory.SecurityError, 2)]
    [InlineData(VaultErrorCategory.NotConnected, 2)]
    [InlineData(VaultErrorCategory.InvalidArgument, 2)]
    [InlineData(VaultErrorCategory.OperationStopped, 130)]
    [InlineData(VaultErrorCategory.ConnectionError, 1)]
    [InlineData(VaultErrorCategory.ObjectNotFound, 1)]
    [InlineData(VaultErrorCategory.LimitsExceeded, 1)]
    public void Engine_categories_map_to_exit_codes(VaultErrorCategory category, int exitCode)
        => Assert.Equal(exitCode, ErrorReporter.ExitCodeFor(new VaultStagingException("SomeId", category, "m")));

    [Fact]
    public void What_the_server_rejects_is_a_failure_not_a_usage_error()
        => Assert.Equal(1, ErrorReporter.ExitCodeFor(new VaultApiException(VaultErrorTypes.InvalidData, "Upload session not found.", 200, "exec-1")));

    [Fact]
    public void Unexpected_exceptions_become_one_line_with_a_hint_and_no_stack_trace()
    {
        var stderr = new StringWriter();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("Something\nbroke.", new IOException("disk full"));
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        int exitCode = ErrorReporter.Report(thrown, new CliConsole(new StringWriter(), stderr), verbose: false);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("vaultstaging: unexpected error (InvalidOperationException): Something broke.", line);
        Assert.Contains("--verbose", line);
        Assert.DoesNotContain(" at ", line);
    }
}
