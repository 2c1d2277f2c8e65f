using System.Diagnostics;
using System.Text.RegularExpressions;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>
/// The local host as a child process (<c>dotnet Serverless.LocalHost.dll</c>) on a free loopback port, configured by
/// environment variables; <see cref="Kill"/> is SIGKILL, as a crashed or evicted instance dies.
/// </summary>
internal sealed partial class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(IReadOnlyDictionary<string, string> environment)
    {
        _process = Process.Start(StartInfo(environment))!;
        _process.OutputDataReceived += (_, e) =>
        {
            // The start-up banner names the bound address once the server listens.
            if (e.Data is { } line && Banner().Match(line) is { Success: true } match)
            {
                _address.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Exited += (_, _) => _address.TrySetException(new InvalidOperationException($"The host exited with {_process.ExitCode} before listening."));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts a host and waits until it listens; <see cref="Client"/> then talks to it with <paramref name="apiKey"/>.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string apiKey, TimeSpan timeout)
    {
        var host = new HostProcess(environment);
        try
        {
            var address = await host._address.Task.WaitAsync(timeout);
            host.Client = new HttpClient { BaseAddress = address }.WithKey(apiKey);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>How to start the host as a child process with <paramref name="environment"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<KeyValuePair<string, string>> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            // The command line outranks appsettings.json's Urls (7071), so the child never collides with another host.
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Serverless.LocalHost.dll"), "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>SIGKILL: no shutdown hooks, leases and in-flight messages left as they are.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"curl (http://127\.0\.0\.1:\d+)/api/models$")]
    private static partial Regex Banner();
}
