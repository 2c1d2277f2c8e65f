namespace Serverless.Testing;

/// <summary>
/// The local host's API key in tests: a fresh key per host set through <see cref="Setting"/> (so no key file is written),
/// sent in <see cref="Header"/> on state-changing routes.
/// </summary>
public static class TestApiKey
{
    /// <summary>The header the key travels in (Azure Functions' function-key header).</summary>
    public const string Header = "x-functions-key";

    /// <summary>The configuration key of the local host's API key.</summary>
    public const string Setting = "ApiKey:Key";

    /// <summary>A new random key, long enough for the host's validation.</summary>
    public static string New() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>Makes <paramref name="client"/> send <paramref name="key"/> on every request; returns it.</summary>
    public static HttpClient WithKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, key);
        return client;
    }
}
