namespace Serverless.Core.Models;

/// <summary>Where a model version is scored (manifest <c>"serving"</c>).</summary>
public enum ModelServing
{
    /// <summary>In the function app, on its CPU sessions (the default).</summary>
    Cpu,
    /// <summary>In the GPU container app: the function app forwards its inference requests there.</summary>
    Gpu,
}
