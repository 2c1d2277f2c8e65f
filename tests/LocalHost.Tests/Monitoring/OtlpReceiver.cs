using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>
/// A minimal OTLP/HTTP receiver on a free loopback port: it keeps every exported body per signal path
/// (<c>/v1/metrics</c>, <c>/v1/traces</c>) and answers 200. Protobuf strings are stored as raw UTF-8, so a test can
/// look for metric names, units and attribute keys and values in the bytes without an OTLP decoder.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _bodies = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpRequest request, string signal) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            receiver._bodies.Enqueue(("/v1/" + signal, buffer.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Polls until some body received on <paramref name="path"/> contains every one of <paramref name="strings"/>.</summary>
    public async Task<bool> WaitForAsync(string path, TimeSpan timeout, params string[] strings)
    {
        var deadline = DateTime.UtcNow + timeout;
        var needles = strings.Select(Encoding.UTF8.GetBytes).ToArray();
        while (DateTime.UtcNow < deadline)
        {
            if (_bodies.Any(b => b.Path == path && needles.All(n => b.Body.AsSpan().IndexOf(n) >= 0)))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    public int Count(string path) => _bodies.Count(b => b.Path == path);

    /// <summary>Which of <paramref name="strings"/> no body on <paramref name="path"/> contains (for failure messages).</summary>
    public string Missing(string path, params string[] strings) => string.Join(", ", strings.Where(s =>
        !_bodies.Any(b => b.Path == path && b.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
