using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;

namespace Serverless.Testing;

/// <summary>
/// A real SMTP server (scripts/smtp-sink.js, npm smtp-server) on a free loopback port, writing each message it accepts
/// to its own folder; tests read them back with MimeKit. Stops on dispose, or when the test process dies (the sink
/// exits when its standard input closes).
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "smtp-sink.js");
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Root, "node_modules", "smtp-server")))
        {
            throw new InvalidOperationException("smtp-server is not installed. Run 'npm ci' in the repository root (scripts/test.sh does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "smtp-sink-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--port", "0", "--dir", folder, "--exit-with-stdin" },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The SMTP sink exited during start."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new SmtpSink(process, port, folder);
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.Exists(Folder)
            ? [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];

    /// <summary>Polls until at least <paramref name="count"/> messages arrived (a loaded machine may be slow).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{messages.Count} of {count} messages arrived at the SMTP sink on port {Port}.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    [GeneratedRegex(@"SMTP sink listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
