using Serverless.GpuServing.Batching;

namespace Serverless.GpuServing.Hosting;

/// <summary>Settings of the GPU serving app ("GpuServing" configuration section).</summary>
public sealed class GpuServingOptions
{
    public const string Section = "GpuServing";

    /// <summary><c>cpu</c> (runs anywhere) or <c>cuda</c> (needs the GPU build and CUDA/cuDNN; start-up fails otherwise).</summary>
    public string ExecutionProvider { get; set; } = ExecutionProviders.Cpu;

    /// <summary>The CUDA device sessions run on (with <c>cuda</c>).</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Threads one ONNX Runtime run may use on the CPU; 0 lets ONNX Runtime pick (one per physical core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Models whose champion is loaded and warmed before <c>/v2/health/ready</c> answers ready; others load on first use.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>How often deployment state is re-read; a new champion is loaded and warmed before traffic moves to it.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A version that is no champion and has been idle this long is unloaded (after its queue drains).</summary>
    public TimeSpan IdleVersionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The key every request must carry in <c>x-gpu-key</c> (health probes excepted); the function app sends it
    /// (<c>GpuForwarding:Key</c>). Empty leaves the app open, for local runs; Azure sets it from Key Vault.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>Largest request body read; larger ones get 413. Keep it equal to the function app's <c>Scoring:MaxRequestBytes</c>.</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most records one record predict may carry; keep it equal to the function app's <c>Scoring:MaxRecordsPerRequest</c>.</summary>
    public int MaxRecordsPerRequest { get; set; } = 1000;

    public BatchingOptions Batching { get; set; } = new();
}
