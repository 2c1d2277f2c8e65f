using Microsoft.Extensions.Configuration;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>
/// An in-memory configuration that records every key the code asks for, found or not: the options binder asks
/// for each property of a section it binds, direct reads ask for their key.
/// </summary>
internal sealed class RecordingConfigurationProvider(IDictionary<string, string?> values) : ConfigurationProvider, IConfigurationSource
{
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every key read so far (<c>Section:Key</c>).</summary>
    public IReadOnlyCollection<string> Read
    {
        get
        {
            lock (_read)
            {
                return [.. _read];
            }
        }
    }

    public override void Load() => Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

    public override bool TryGet(string key, out string? value)
    {
        lock (_read)
        {
            _read.Add(key);
        }

        return base.TryGet(key, out value);
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
