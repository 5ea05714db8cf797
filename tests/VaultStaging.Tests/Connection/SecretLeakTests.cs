using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using VaultStaging.Core;
using VaultStaging.Core.Connection;
using VaultStaging.Emulator;
using VaultStaging.Emulator.Faults;
using Xunit;

namespace VaultStaging.Tests.Connection;

public sealed class SecretLeakTests
{
    private const string Password = "Pa55-Unique-Secret-77";

    [Fact]
    public async Task Session_ids_and_passwords_never_reach_a_log_line_or_an_error()
    {
        var options = EmulatorConnections.SmallLimits();
        options.Users.Add(new EmulatorUser("admin", Password, true, 1000));
        await using var server = await EmulatorConnections.StartAsync(options);
        var log = new CapturingLog();
        var errors = new List<Exception>();
        var sessions = new List<string>();

        using var connection = await VaultConnection.ConnectAsync(EmulatorConnections.Options(server, log, password: Password));
        sessions.Add(connection.Pipeline.Session.Current);

        var upload = await connection.Staging.CreateSessionAsync("/u1000/leak.bin", 2048, overwrite: false);
        var part = new byte[1024];
        server.Faults.Add(new FaultRule { Kind = FaultKind.Http500, Endpoint = EmulatorEndpoint.UploadPart });
        await connection.Staging.UploadPartAsync(upload.Id, 1, new ArraySegment<byte>(part), MD5.HashData(part));

        server.Faults.Add(new FaultRule { Kind = FaultKind.ExpireLoginSession, Endpoint = EmulatorEndpoint.ListItems });
        await connection.Staging.ListItemsAsync("/");
        sessions.Add(connection.Pipeline.Session.Current);

        server.Faults.Add(new FaultRule { Kind = FaultKind.HtmlErrorPage, Endpoint = EmulatorEndpoint.ListItems, Count = 0 });
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => connection.Staging.ListItemsAsync("/")));
        server.Faults.Clear();
        server.Faults.Add(new FaultRule { Kind = FaultKind.ExpireLoginSession, Endpoint = EmulatorEndpoint.ListItems, Count = 0 });
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => connection.Staging.ListItemsAsync("/")));
        sessions.Add(connection.Pipeline.Session.Current);
        server.Faults.Clear();

        var adopted = EmulatorConnections.Options(server, log);
        adopted.Credential = null;
        adopted.SessionId = sessions[0];
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => VaultConnection.ConnectAsync(adopted)));
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(
            () => VaultConnection.ConnectAsync(EmulatorConnections.Options(server, log, password: Password + "x"))));

        var texts = log.All
            .Concat(errors.Select(e => e.ToString()))
            .Concat(errors.OfType<VaultApiException>().SelectMany(e => e.Errors.Select(x => x.Message)))
            .Append(connection.ToString())
            .Append(new VaultCredential("admin", Password).ToString())
            .ToList();
        Assert.Equal(3, sessions.Distinct().Count());
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Password, text);
            foreach (var session in sessions)
            {
                Assert.DoesNotContain(session, text);
            }
        }

        Assert.Contains(log.Lines, l => l.Level == "Verbose" && l.Message.StartsWith("PUT /api/v26.1/services/file_staging/upload/", StringComparison.Ordinal) && l.Message.EndsWith("part 1, 1.0 KiB", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Level == "Debug" && l.Message.Contains("execution id"));
    }
}
