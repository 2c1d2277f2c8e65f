using Serverless.GpuServing.Hosting;
using Serverless.GpuServing.Http;

// appsettings.json ships beside the binary, so the app reads the same settings from any working folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddGpuServing();

var app = builder.Build();
app.UseMiddleware<GpuKeyMiddleware>();
app.MapGpuInferenceApi();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
