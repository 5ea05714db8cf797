using System;
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

        return await CliApp.RunAsync(args, CliConsole.FromSystemConsole(), EnvironmentVariables.FromProcess(), cancellation.Token);
    }
}
