using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Models;

/// <summary>Settings of the model registry ("Registry" configuration section).</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Blob container holding <c>{name}/{version}/model.onnx</c>, manifests and deployment state.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "models";

    /// <summary>Largest ONNX upload accepted by the register endpoint.</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxModelBytes { get; set; } = 256L * 1024 * 1024;
}
