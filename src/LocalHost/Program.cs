using Serverless.Core.Http;
using Serverless.Durable;
using Serverless.Durable.Http;
using Serverless.LocalHost.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostServices();
builder.Services.AddDurableEngine();

var app = builder.Build();
app.MapModelManagementApi();
app.MapDurableManagementApi();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
