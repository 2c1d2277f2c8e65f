namespace Serverless.LocalHost.Tests.Dashboard;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package, which ./scripts/test.sh installs when missing), so Playwright
/// never downloads a browser. <c>CHROMIUM_PATH</c> overrides the search.
/// </summary>
internal static class SystemChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static string Path =>
        (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? [configured] : Candidates).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"No Chromium at {string.Join(", ", Candidates)} (or CHROMIUM_PATH): ./scripts/test.sh installs Debian's 'chromium' with apt-get when it can.");
}
