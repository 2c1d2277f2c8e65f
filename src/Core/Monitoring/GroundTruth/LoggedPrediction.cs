namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>One record's prediction as the log keeps it: no input, only a hash of the encoded row.</summary>
/// <param name="Index">The record's position in its request (0 for a single-record request).</param>
/// <param name="Label">Classification: the predicted label.</param>
/// <param name="Score">Two classes: the positive (second) class probability; more: the top probability; regression: the value.</param>
/// <param name="InputHash">Hex SHA-256 of the encoded feature row (float32, little-endian).</param>
/// <param name="Inputs">The encoded feature row, only when <see cref="PredictionLogOptions.StoreInputs"/> is on.</param>
/// <param name="ReviewKey">The row key of its review queue item when the record was queued for review; feedback removes it.</param>
public sealed record LoggedPrediction(
    string Model,
    int Version,
    string RequestId,
    int Index,
    DateTimeOffset Time,
    string Endpoint,
    string? Label,
    double? Score,
    string? RouteReason,
    string? Variant,
    string InputHash,
    float[]? Inputs = null,
    string? ReviewKey = null);
