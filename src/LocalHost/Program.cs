using Serverless.Api;
using Serverless.Api.Http;
using Serverless.LocalHost.Batch;
using Serverless.LocalHost.Durable;
using Serverless.LocalHost.Hosting;
using Serverless.LocalHost.Http;
using Serverless.Workflows.Hosting;

// appsettings.json ships beside the binary, so the host reads the same settings from any working folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLocalHostServices();
builder.Services.AddServingApi(builder.Configuration);
builder.Services.AddBatchWatcher();
builder.Services.AddDurableTaskHost();

var app = builder.Build();
app.UseApiErrors();
app.UseDashboard();
app.MapModelManagementApi();
app.MapScoringApi();
app.MapOpenInferenceApi();
app.MapBenchEndpoints();
app.MapBatchApi();
app.MapCapacityApi();
app.MapMonitoringApi();
app.MapTrainingApi();
app.MapRetrainApi();
app.MapApprovalApi();
app.MapDeploymentApi();
app.MapRolloutApi();
app.MapDurableManagementApi();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
