namespace Serverless.LocalHost.Hosting;

/// <summary>
/// The anchor of the HTTP benchmark (bench/http.sh): a bare endpoint on the same host and pipeline that
/// reads the request body and answers a fixed JSON body, so the ratio isolates what scoring adds; and
/// <c>GET /bench/jit</c>, how many methods the JIT has compiled so far, so the benchmark can wait until the host's
/// background re-jitting to optimized code is done. Mapped only when <c>Bench:BareEndpoint</c> is true.
/// </summary>
internal static class BenchEndpoints
{
    private static readonly byte[] Ok = """{"ok":true}"""u8.ToArray();

    public static WebApplication MapBenchEndpoints(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Bench:BareEndpoint"))
        {
            app.MapPost("/bench/bare", async (HttpRequest request, HttpResponse response) =>
            {
                await request.Body.CopyToAsync(Stream.Null);
                response.ContentType = "application/json";
                await response.Body.WriteAsync(Ok);
            });
            app.MapGet("/bench/jit", () => new { methods = System.Runtime.JitInfo.GetCompiledMethodCount() });
        }

        return app;
    }
}
