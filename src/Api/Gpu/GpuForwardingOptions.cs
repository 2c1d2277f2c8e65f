namespace Serverless.Api.Gpu;

/// <summary>
/// Settings of forwarding to the GPU app ("GpuForwarding" configuration section). With no <see cref="BaseUrl"/>,
/// nothing is forwarded and every model is scored in the function app.
/// </summary>
public sealed class GpuForwardingOptions
{
    public const string Section = "GpuForwarding";

    /// <summary>The GPU app's base URL (e.g. <c>https://gpu.internal.example</c>); empty turns forwarding off.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// The shared key the GPU app requires (<c>GpuServing:Key</c>), sent as <see cref="GpuForwarder.KeyHeader"/>; empty
    /// sends none (a local GPU app without a key). In Azure both sides read it from Key Vault.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>Longest a forwarded request may take, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a 503, a refused connection or an attempt timeout.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls within <see cref="SamplingDuration"/> before the circuit may open.</summary>
    public int MinimumThroughput { get; set; } = 5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit answers 503 at once before it lets a trial call through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The cost rule: an OIP infer request with at least this many rows (its first input's first dimension) goes to the
    /// GPU app even for a CPU model, where one large batch is cheaper. 0 turns the rule off.
    /// </summary>
    public int MinRowsForGpu { get; set; }

    /// <summary>Whether forwarding is on (a method, not a setting: only <see cref="BaseUrl"/> is configured).</summary>
    public bool IsEnabled() => BaseUrl.Length > 0;
}
