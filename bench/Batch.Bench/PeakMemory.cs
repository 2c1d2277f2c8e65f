using System.Diagnostics;
using System.Globalization;

namespace Serverless.Batch.Bench;

/// <summary>Peak resident set size of a process, from Linux's /proc/{pid}/status (VmHWM, the high-water mark).</summary>
internal static class PeakMemory
{
    public static long? ReadKilobytes(int pid, string field = "VmHWM")
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length + 1).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has exited.
        }

        return null;
    }

    /// <summary>Runs this bench as a child with <paramref name="arguments"/> and samples its VmHWM until it exits.</summary>
    public static async Task<(long PeakKb, int ExitCode)> RunChildAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(PeakMemory).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var child = Process.Start(info)!;
        long peak = 0;
        while (!child.HasExited)
        {
            peak = Math.Max(peak, ReadKilobytes(child.Id) ?? 0);
            await Task.Delay(20);
        }

        await child.WaitForExitAsync();
        return (peak, child.ExitCode);
    }
}
