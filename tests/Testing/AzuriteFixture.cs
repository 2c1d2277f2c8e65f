using Xunit;

namespace Serverless.Testing;

/// <summary>xunit fixture giving a test class the shared Azurite and a unique name prefix.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Not initialized.")).ConnectionString;

    /// <summary>A lower-case name unique to this call, valid for containers, queues (3-63 chars) and tables (letters/digits).</summary>
    public static string UniqueName(string prefix) => (prefix + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();

    public async Task InitializeAsync() => _azurite = await Azurite.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
