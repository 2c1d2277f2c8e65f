using System.Net.Http.Headers;
using System.Text.Json;

namespace Serverless.Training.Cli;

/// <summary>Registers <c>model.onnx</c> + <c>manifest.json</c> with a running service: <c>POST {url}/api/models/{name}/versions</c>.</summary>
internal static class ModelUploader
{
    /// <returns>The version the service assigned.</returns>
    /// <exception cref="InvalidOperationException">The service refused the model; the message carries its error.</exception>
    public static async Task<int> RegisterAsync(
        HttpClient http, Uri service, string name, string? key, byte[] onnx, byte[] manifest, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var model = new ByteArrayContent(onnx);
        model.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(model, "model", "model.onnx");
        var part = new ByteArrayContent(manifest);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(part, "manifest", "manifest.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service, $"api/models/{Uri.EscapeDataString(name)}/versions")) { Content = form };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("version").GetInt32();
    }
}
