using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI restored by this project's <c>PackageDownload</c> (Azure.Bicep.CommandLine.linux-x64), so a fresh
/// machine needs nothing but <c>dotnet restore</c>. Diagnostics are parsed from its output: any warning fails.
/// </summary>
public static partial class BicepCli
{
    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        EnsureExecutable();
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no update check: CI machines may have no internet.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Warning and error lines (<c>file(line,col) : Warning BCP...</c>) in a run's output.</summary>
    public static IReadOnlyList<string> Diagnostics(BicepResult result) =>
        (result.StandardError + "\n" + result.StandardOutput).Split('\n')
            .Where(line => DiagnosticLine().IsMatch(line))
            .Select(line => line.Trim())
            .ToList();

    // NuGet does not keep the executable bit on every platform it extracts on. The package is linux-x64 only.
    private static void EnsureExecutable()
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"Bicep CLI not restored at {Path}; run dotnet restore tests/Infra.Tests.", Path);
        }

        var mode = File.GetUnixFileMode(Path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(Path, mode | UnixFileMode.UserExecute);
        }
    }

    [GeneratedRegex(@"\)\s*:\s*(Warning|Error)\s")]
    private static partial Regex DiagnosticLine();
}
