using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Functions.Hosting;

namespace Serverless.Functions;

/// <summary>
/// The worker's entry point. A named class rather than top-level statements: those make a public global
/// <c>Program</c> that collides with the local host's in tests that load both.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<UnhandledErrorMiddleware>();
        builder.Services.AddFunctionsApp(builder.Configuration);
        builder.Build().Run();
    }
}
