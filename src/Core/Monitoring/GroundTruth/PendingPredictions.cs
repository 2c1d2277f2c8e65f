using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>A scored request waiting in the prediction log's queue; turned into rows off the response path.</summary>
/// <param name="Features">A copy of the encoded rows (row-major, <c>Rows * width</c>); the scorer's buffer is pooled.</param>
internal sealed record PendingPredictions(
    ModelManifest Manifest, string Endpoint, ScoringCall Call, DateTimeOffset Time, float[] Features, int Rows, TabularPredictions Predictions);
