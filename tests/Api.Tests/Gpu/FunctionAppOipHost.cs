using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Http;
using Serverless.Api.Scoring;

namespace Serverless.Api.Tests.Gpu;

/// <summary>The function app's scoring routes (OIP infer and record predict, what both hosts bind) on Kestrel, on a free loopback port.</summary>
public sealed class FunctionAppOipHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionAppOipHost(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public static async Task<FunctionAppOipHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddServingApi(builder.Configuration);
        var app = builder.Build();
        app.MapPost(Routes.OipInfer, (HttpRequest r, string name, OpenInferenceHandler h, CancellationToken ct) => h.InferAsync(r, name, null, ct));
        app.MapPost(Routes.OipInferVersion, (HttpRequest r, string name, string version, OpenInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.InferAsync(r, name, v, ct) : Task.FromResult(error));
        app.MapPost(Routes.Predict, (HttpRequest r, string name, ScoringHandler h, CancellationToken ct) => h.PredictAsync(r, name, null, ct));
        app.MapPost(Routes.PredictVersion, (HttpRequest r, string name, string version, ScoringHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.PredictAsync(r, name, v, ct) : Task.FromResult(error));
        await app.StartAsync();
        return new FunctionAppOipHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
