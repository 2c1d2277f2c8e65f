using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using Serverless.GpuServing.Hosting;

namespace Serverless.GpuServing.Execution;

/// <summary>
/// Builds the <see cref="SessionOptions"/> every served session is created with, on the configured execution provider.
/// </summary>
/// <remarks>
/// With <c>cuda</c> the CUDA provider is appended first and ONNX Runtime places on the CPU only what it cannot run
/// on the GPU. <see cref="EnsureAvailable"/> runs at start-up (<see cref="ExecutionProviderProbe"/>), so a missing
/// provider stops the app with one clear message instead of failing each model load. Thread-safe.
/// </remarks>
public sealed class SessionOptionsFactory(IOptions<GpuServingOptions> options)
{
    private const string CudaProvider = "CUDAExecutionProvider";

    private readonly GpuServingOptions _options = options.Value;

    public string ExecutionProvider => _options.ExecutionProvider;

    /// <summary>New options; the caller disposes them once its session is created.</summary>
    /// <exception cref="ExecutionProviderUnavailableException">The CUDA provider cannot be loaded.</exception>
    public SessionOptions Create()
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
            EnableMemoryPattern = true,
            EnableCpuMemArena = true,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // One batch runs at a time per model, so spinning threads would only take cores from the HTTP side.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (_options.ExecutionProvider != ExecutionProviders.Cuda)
        {
            return session;
        }

        try
        {
            session.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
            return session;
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            session.Dispose();
            throw Unavailable(e.Message, e);
        }
    }

    /// <summary>Checks that the configured provider loads; with <c>cpu</c> there is nothing to check.</summary>
    /// <exception cref="ExecutionProviderUnavailableException">The CUDA provider is not in this build or its libraries are missing.</exception>
    public void EnsureAvailable()
    {
        if (_options.ExecutionProvider != ExecutionProviders.Cuda)
        {
            return;
        }

        var available = OrtEnv.Instance().GetAvailableProviders();
        if (!available.Contains(CudaProvider))
        {
            throw Unavailable(
                $"this ONNX Runtime build has no CUDA provider (it has: {string.Join(", ", available)}); build with -p:OnnxRuntimeFlavor=gpu", null);
        }

        Create().Dispose();
    }

    private ExecutionProviderUnavailableException Unavailable(string reason, Exception? inner) => new(
        $"GpuServing:ExecutionProvider is 'cuda' but ONNX Runtime cannot use CUDA device {_options.CudaDeviceId}: {reason}. "
        + "The GPU image needs Microsoft.ML.OnnxRuntime.Gpu.Linux with CUDA 13 and cuDNN 9 libraries on the library path "
        + "(see src/GpuServing/Dockerfile); set GpuServing:ExecutionProvider to 'cpu' to serve without a GPU.",
        inner);
}
