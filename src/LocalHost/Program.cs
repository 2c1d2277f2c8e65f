var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Serverless ML local host");
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
