using System.Management.Automation;
using System.Threading.Tasks;
using VaultStaging.Module.Tests.Support;
using Xunit;

namespace VaultStaging.Module.Tests;

public sealed class ConnectVaultTests
{
    [Theory]
    [InlineData("{0}", "wrong", "VaultUsernameOrPasswordIncorrect", ErrorCategory.AuthenticationError)]
    [InlineData("http://vault.example.com", "admin", "InsecureServerUrl", ErrorCategory.SecurityError)]
    public async Task BadServerOrPassword_IsATerminatingErrorWithAStableId(string server, string password, string errorId, ErrorCategory category)
    {
        await using var session = await ModuleSession.StartAsync(connect: false);
        using var shell = PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddCommand("Connect-Vault")
            .AddParameter("Server", string.Format(System.Globalization.CultureInfo.InvariantCulture, server, session.Server.BaseUrl))
            .AddParameter("Credential", ModuleSession.Credential("admin", password));

        var thrown = Assert.ThrowsAny<RuntimeException>(() => shell.Invoke());

        Assert.Equal(errorId + ",VaultStaging.Module.Commands.ConnectVaultCommand", thrown.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(category, thrown.ErrorRecord.CategoryInfo.Category);
        Assert.DoesNotContain("password=", thrown.ErrorRecord.ToString(), System.StringComparison.OrdinalIgnoreCase);
        Assert.Empty(session.InvokeChecked("Get-VaultConnection"));
    }
}
