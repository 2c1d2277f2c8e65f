using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.LocalHost.Hosting;

/// <summary>
/// Starts Azurite (installed by <c>npm ci</c>) when the host uses the development storage account and nothing
/// listens on its blob port yet, with data kept in <see cref="LocalHostOptions.AzuriteLocation"/>. Registered
/// first, so storage is up before any other hosted service touches it. Stops what it started on shutdown.
/// </summary>
internal sealed partial class AzuriteLauncher(
    IConfiguration configuration, IOptions<LocalHostOptions> options, IHostEnvironment environment, ILogger<AzuriteLauncher> logger)
    : IHostedService
{
    private const int BlobPort = 10000;
    private Process? _process;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = StorageConnection.GetConnectionString(configuration);
        if (!options.Value.StartAzurite || connection is null || !connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (await IsListeningAsync(BlobPort))
        {
            Log.AzuriteAlreadyRunning(logger, BlobPort);
            return;
        }

        var root = RepositoryRoot.Find(environment.ContentRootPath, AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Cannot find the repository root (Serverless.sln) to start Azurite from.");
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing). Run 'npm ci' in {root}, or start Azurite yourself.");
        }

        var location = Path.Combine(root, options.Value.AzuriteLocation);
        Directory.CreateDirectory(location);
        var info = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--location", location, "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Log.AzuriteError(logger, e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, BlobPort + 1, BlobPort + 2 })
        {
            while (!await IsListeningAsync(port))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not start (port {port}); exit code {(_process.HasExited ? _process.ExitCode : -1)}.");
                }

                await Task.Delay(50, cancellationToken);
            }
        }

        Log.AzuriteStarted(logger, location);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Azurite already listens on 127.0.0.1:{Port}; using it")]
        public static partial void AzuriteAlreadyRunning(ILogger logger, int port);

        [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite with data in {Location}")]
        public static partial void AzuriteStarted(ILogger logger, string location);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite: {Line}")]
        public static partial void AzuriteError(ILogger logger, string line);
    }
}
