using System.Text.Json.Nodes;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Bicep;

/// <summary>
/// Builds and lints every file under <c>infra/bicep</c> once per test run (three CLI processes: the machines are
/// small) and keeps the compiled <c>main.json</c> for the tests that read what the Bicep sets.
/// </summary>
public sealed class BicepBuild : IAsyncLifetime
{
    public static string InfraDirectory { get; } = System.IO.Path.Combine(RepositoryPaths.Root, "infra", "bicep");

    private readonly string _outDirectory = Directory.CreateTempSubdirectory("bicep-build-").FullName;

    public BicepResult Build { get; private set; } = null!;

    public BicepResult BuildParams { get; private set; } = null!;

    public BicepResult Lint { get; private set; } = null!;

    private JsonObject? _main;

    /// <summary>The compiled main template (ARM JSON, language version 2.0: resources keyed by symbolic name).</summary>
    public JsonObject Main => _main ?? throw new InvalidOperationException($"main.bicep did not compile:\n{Build.StandardError}");

    public string OutDirectory => _outDirectory;

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync(InfraDirectory, "build", "--pattern", "**/*.bicep", "--outdir", _outDirectory);
        BuildParams = await BicepCli.RunAsync(InfraDirectory, "build-params", "--pattern", "params/*.bicepparam", "--outdir", _outDirectory);
        Lint = await BicepCli.RunAsync(InfraDirectory, "lint", "--pattern", "**/*.bicep*");
        var main = System.IO.Path.Combine(_outDirectory, "main.json");
        if (File.Exists(main))
        {
            _main = JsonNode.Parse(await File.ReadAllTextAsync(main))!.AsObject();
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
