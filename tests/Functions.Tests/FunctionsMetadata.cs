using System.Text.Json;

namespace Serverless.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK generates from the [Function] attributes at build time: what the
/// Functions host indexes in Azure. It is copied beside this test assembly by the project reference.
/// </summary>
internal sealed class FunctionsMetadata
{
    private FunctionsMetadata(IReadOnlyList<FunctionEntry> functions) => Functions = functions;

    public IReadOnlyList<FunctionEntry> Functions { get; }

    public static FunctionsMetadata Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = document.RootElement.EnumerateArray()
            .Select(f => new FunctionEntry(
                f.GetProperty("name").GetString()!,
                [.. f.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())]))
            .ToList();
        return new FunctionsMetadata(functions);
    }

    /// <summary>
    /// The functions triggered by a binding type (<c>httpTrigger</c>, <c>blobTrigger</c>, <c>timerTrigger</c>,
    /// <c>orchestrationTrigger</c>, <c>activityTrigger</c>, ...), each with its trigger binding.
    /// </summary>
    public IEnumerable<(string Function, JsonElement Trigger)> TriggeredBy(string bindingType) =>
        from f in Functions
        from b in f.Bindings
        where b.GetProperty("type").GetString()!.Equals(bindingType, StringComparison.OrdinalIgnoreCase)
        select (f.Name, b);

    /// <summary>Every (method, route) an HTTP-triggered function answers, method upper-case, route without a leading '/'.</summary>
    public IEnumerable<(string Function, string Method, string Route)> HttpRoutes() =>
        from t in TriggeredBy("httpTrigger")
        from method in t.Trigger.GetProperty("methods").EnumerateArray()
        select (t.Function, method.GetString()!.ToUpperInvariant(), t.Trigger.GetProperty("route").GetString()!.TrimStart('/'));

    public sealed record FunctionEntry(string Name, IReadOnlyList<JsonElement> Bindings);
}
