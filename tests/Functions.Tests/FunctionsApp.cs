using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Hosting;
using Serverless.Functions.Http;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>
/// The function app's own registrations (real handlers, real registry and batch storage on Azurite, containers
/// unique to one test), with function classes created as the worker creates them and requests as
/// <see cref="DefaultHttpContext"/>s.
/// </summary>
internal sealed class FunctionsApp : IDisposable
{
    private readonly ServiceProvider _provider;

    public FunctionsApp(AzuriteFixture azurite)
    {
        var prefix = AzuriteFixture.UniqueName("f");
        Settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Registry:Container"] = prefix + "-models",
            ["Batch:InputContainer"] = prefix + "-in",
            ["Batch:OutputContainer"] = prefix + "-out",
            ["Batch:ReceiptContainer"] = prefix + "-rcpt",
            ["Batch:JobContainer"] = prefix + "-jobs",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        _provider = new ServiceCollection().AddLogging().AddFunctionsApp(configuration).BuildServiceProvider();
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _provider;

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_provider);

    public HttpRequest Request(string method, string? contentType = null, byte[]? body = null)
    {
        var context = new DefaultHttpContext { RequestServices = _provider };
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body ?? []);
        context.Request.ContentLength = body?.Length;
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public HttpRequest Json(string json) => Request("POST", "application/json", Encoding.UTF8.GetBytes(json));

    /// <summary>Runs the result against the request's response, as the ASP.NET Core integration does, and reads it back.</summary>
    public static async Task<Response> ExecuteAsync(HttpRequest request, IResult result)
    {
        var context = request.HttpContext;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Response(context.Response.StatusCode, context.Response.Headers, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Registers the XGBoost regressor as <c>xgb</c> version 1 (its champion) through the register function.</summary>
    public async Task<Response> RegisterXgbAsync()
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(FunctionModels.Xgb), "model", "model.onnx" },
            { new StringContent($$"""{ "features": {{FunctionModels.XgbSchema}} }"""), "manifest" },
        };
        var request = Request("POST", content.Headers.ContentType!.ToString(), await content.ReadAsByteArrayAsync());
        var response = await ExecuteAsync(request, await Create<ModelManagementFunctions>().Register(request, "xgb", CancellationToken.None));
        Assert.True(response.StatusCode == 201, response.Body.ToString());
        return response;
    }

    public void Dispose() => _provider.Dispose();

    public sealed record Response(int StatusCode, IHeaderDictionary Headers, JsonElement Body)
    {
        public string Error => Body.GetProperty("error").GetString()!;
    }
}
