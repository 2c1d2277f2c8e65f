namespace Serverless.GpuServing.Models;

/// <summary>The version was unloaded between lookup and call; the caller looks the model up again.</summary>
internal sealed class ModelRetiredException(string message) : Exception(message);
