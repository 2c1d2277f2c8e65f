using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Security;
using Serverless.Core.Models;

namespace Serverless.LocalHost.Hosting;

/// <summary>Once the server listens, prints the URLs to try, with a real record for the sample model.</summary>
internal sealed class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, IModelRegistry registry, IOptions<LocalHostOptions> options,
    IOptions<ApiKeyOptions> apiKey) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = PrintAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return; // In-memory test server: nothing to print.
        }

        var name = options.Value.SampleModelName;
        var champion = (await registry.GetDeploymentAsync(name))?.Champion;
        var manifest = champion is { } v ? await registry.GetManifestAsync(name, v) : null;
        var lines = new List<string>
        {
            "",
            "Serverless ML local host is ready. Try:",
            $"  curl {address}/api/models",
            $"  curl {address}/v2/models/{name}",
        };
        if (manifest?.Features is not null)
        {
            lines.Add($"  curl -X POST {address}/api/models/{name}/predict -H 'Content-Type: application/json' -d '{ExampleRecord.PredictBody(manifest)}'");
        }

        lines.Add($"State-changing routes (register, batch, promote/rollback/traffic, alerts, workflow management) need the API key in");
        lines.Add($"  -H \"{ApiKeyVerifier.Header}: $(cat {apiKey.Value.ResolvedKeyFile})\" (or the ApiKey:Key setting when you set one).");
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
