using System.Text.Json;

namespace Serverless.Api.Monitoring;

/// <summary>
/// <c>POST /api/models/{name}/review/{requestId}</c>: <c>{ "label": "yes", "index": 0 }</c>; the label as in feedback (a
/// string, number or boolean), the index the record's position in its request (default 0).
/// </summary>
public sealed record ReviewLabelRequest(JsonElement? Label, int? Index);
