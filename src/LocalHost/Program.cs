using Serverless.Core.Http;
using Serverless.LocalHost.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostServices();

var app = builder.Build();
app.MapModelManagementApi();
app.MapBenchEndpoints();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
