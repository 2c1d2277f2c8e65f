namespace Serverless.LocalHost.Hosting;

/// <summary>Settings of the local host only ("LocalHost" section); the Functions app has no equivalent.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Start Azurite from node_modules when storage is the development account and nothing listens on 127.0.0.1:10000.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Azurite's data folder, relative to the repository root (git-ignored).</summary>
    public string AzuriteLocation { get; set; } = ".azurite";

    /// <summary>On start with an empty registry: generate data, train, register and promote a sample model.</summary>
    public bool SeedSampleModel { get; set; } = true;

    public string SampleModelName { get; set; } = "churn";
}
