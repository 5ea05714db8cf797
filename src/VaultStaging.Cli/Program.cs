using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the work gracefully (sessions stay resumable); a second one ends the process.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        // SIGTERM (docker stop, systemd, kill) stops gracefully too; left to the runtime, the hosted emulator would block the exit.
        using var termination = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        return await CliApp.RunAsync(args, CliConsole.FromSystemConsole(), EnvironmentVariables.FromProcess(), cancellation.Token);
    }
}
