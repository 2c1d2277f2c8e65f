using System.Diagnostics;
using System.Net.Http;

namespace Serverless.Testing;

/// <summary>
/// A private Azurite with its data on disk, on fixed loopback ports, that a test can stop and start again: a real
/// storage outage for the components under test, without taking down the shared instance other tests use.
/// </summary>
public sealed class RestartableAzurite : IAsyncDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly int _blob = Azurite.FreePort();
    private readonly int _queue = Azurite.FreePort();
    private readonly int _table = Azurite.FreePort();
    private Process? _process;

    public string ConnectionString => Azurite.ConnectionStringFor(_blob, _queue, _table);

    public static async Task<RestartableAzurite> StartAsync()
    {
        var azurite = new RestartableAzurite();
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Stops the process: every request fails with connection refused until <see cref="StartAgainAsync"/>.</summary>
    /// <remarks>
    /// SIGTERM, not SIGKILL: Azurite keeps its metadata in memory and saves it on shutdown, so a SIGKILL would lose
    /// recent writes, which is data loss, not an outage.
    /// </remarks>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts Azurite on the same ports and data folder, and waits until all three services answer.</summary>
    public async Task StartAgainAsync()
    {
        var executable = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        var info = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--location", _location, "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", _blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", _queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", _table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var port in new[] { _blob, _queue, _table })
        {
            while (true)
            {
                try
                {
                    // Any HTTP answer (400 for a bare GET) means the service is listening.
                    using var _ = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), cts.Token);
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, cts.Token);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
