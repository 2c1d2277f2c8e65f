using System.Diagnostics;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>The test worker (DTFx in its own process), started with <c>dotnet</c> and killed with SIGKILL.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static async Task<WorkerProcess> StartAsync(string connectionString, string taskHub)
    {
        // Built next to the tests because this project references the worker project.
        var dll = Path.Combine(AppContext.BaseDirectory, "Serverless.Workflows.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, connectionString, taskHub },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the test worker.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The test worker did not start: '{line}', exit code {(process.HasExited ? process.ExitCode : -1)}.");
        }

        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown code runs, leases are not released, as with kill -9.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
