using Serverless.Core.Batch;
using Serverless.Core.Http;
using Serverless.Core.Scoring;
using Serverless.Durable;
using Serverless.Durable.Http;
using Serverless.LocalHost.Batch;
using Serverless.LocalHost.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHostServices();
builder.Services.AddScoring(builder.Configuration);
builder.Services.AddBatchWatcher(builder.Configuration);
builder.Services.AddDurableEngine();

var app = builder.Build();
app.MapModelManagementApi();
app.MapScoringApi();
app.MapOpenInferenceApi();
app.MapBenchEndpoints();
app.MapBatchApi();
app.MapDurableManagementApi();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
