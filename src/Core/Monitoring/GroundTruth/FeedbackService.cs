using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.Review;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// Joins true labels with the sampled prediction log and stores the pairs (<see cref="FeedbackStore"/>) that live
/// accuracy is computed from. Labels come in a request or, for bulk, as a JSON-lines file in
/// <see cref="FeedbackOptions.Container"/>.
/// </summary>
/// <remarks>
/// Idempotent: the same label sent twice stores the same row once; a new label for a record replaces the old one. A label
/// whose prediction is not logged (not sampled, expired or not yet written) is reported as unmatched and not kept. A
/// stored label of a record in the review queue removes it from the queue (after the label is stored, so a failure in
/// between leaves the item queued, never a review lost).
/// Thread-safe singleton.
/// </remarks>
public sealed class FeedbackService(
    IModelRegistry registry, PredictionLogStore log, FeedbackStore store, ReviewQueueStore reviews, BlobServiceClient blobs,
    IOptions<FeedbackOptions> options, TimeProvider time)
{
    private const int ReportedIds = 20;
    private const int Parallelism = 16;

    /// <summary>Joins and stores <paramref name="labels"/> of model <paramref name="model"/>.</summary>
    public async Task<FeedbackOutcome> AddAsync(string model, IReadOnlyList<FeedbackLabel> labels, CancellationToken cancellationToken = default)
    {
        if ((await registry.ListVersionsAsync(model, cancellationToken)).Count == 0)
        {
            return FeedbackOutcome.Failed(FeedbackOutcomeKind.ModelNotFound, $"Model '{model}' has no registered version.");
        }

        var now = time.GetUtcNow();
        var manifests = new ConcurrentDictionary<int, Task<ModelManifest?>>();
        var matched = new ConcurrentBag<LabelledPrediction>();
        var unmatched = new ConcurrentQueue<string>();
        var rejected = new ConcurrentQueue<string>();
        var reviewed = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(labels, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (label, ct) =>
        {
            var logged = await log.GetAsync(model, label.RequestId, label.Index, ct);
            if (logged is null)
            {
                unmatched.Enqueue(label.RequestId);
                return;
            }

            var manifest = await manifests.GetOrAdd(logged.Version, v => registry.GetManifestAsync(model, v, ct));
            if (Check(manifest, label) is { } error)
            {
                rejected.Enqueue($"{label.RequestId}[{label.Index}]: {error}");
                return;
            }

            matched.Add(new LabelledPrediction(
                model, logged.Version, logged.Variant, logged.RouteReason, label.RequestId, label.Index, logged.Time, now, logged.Label, logged.Score, label.Label));
            if (logged.ReviewKey is { } key)
            {
                reviewed.Enqueue(key);
            }
        });

        await store.WriteAsync(matched, cancellationToken);
        if (!reviewed.IsEmpty)
        {
            await reviews.RemoveAsync(model, reviewed, cancellationToken);
        }
        return new FeedbackOutcome(FeedbackOutcomeKind.Done, new FeedbackResult(
            labels.Count, matched.Count, unmatched.Count, rejected.Count, unmatched.Take(ReportedIds).ToList(), rejected.Take(ReportedIds).ToList()));
    }

    /// <summary>
    /// Reads a JSON-lines file of label objects (<see cref="FeedbackLabelParser"/>) from the feedback container and adds them.
    /// The whole file is checked first: a malformed line or more than <see cref="FeedbackOptions.MaxBulkLabels"/> labels stores nothing.
    /// </summary>
    public async Task<FeedbackOutcome> AddFromBlobAsync(string model, string blobName, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobContainerClient(options.Value.Container).GetBlobClient(blobName);
        var labels = new List<FeedbackLabel>();
        try
        {
            using var reader = new StreamReader(await blob.OpenReadAsync(cancellationToken: cancellationToken));
            var number = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (labels.Count == options.Value.MaxBulkLabels)
                {
                    return FeedbackOutcome.Failed(FeedbackOutcomeKind.Invalid,
                        $"'{blobName}' has more than {options.Value.MaxBulkLabels} labels; split it. Nothing was stored.");
                }

                if (!TryParseLine(line, out var label, out var error))
                {
                    return FeedbackOutcome.Failed(FeedbackOutcomeKind.Invalid, $"'{blobName}' line {number}: {error}. Nothing was stored.");
                }

                labels.Add(label);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return FeedbackOutcome.Failed(FeedbackOutcomeKind.BlobNotFound, $"No file '{blobName}' in container '{options.Value.Container}'.");
        }

        return await AddAsync(model, labels, cancellationToken);
    }

    private static bool TryParseLine(string line, out FeedbackLabel label, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (FeedbackLabelParser.TryParse(document.RootElement, out var parsed, out var why))
            {
                (label, error) = (parsed, "");
                return true;
            }

            (label, error) = (null!, why);
            return false;
        }
        catch (JsonException e)
        {
            (label, error) = (null!, "not JSON: " + e.Message);
            return false;
        }
    }

    /// <summary>Why the label cannot be a truth of the predicting version, or null when it can.</summary>
    private static string? Check(ModelManifest? manifest, FeedbackLabel label)
    {
        if (manifest is null)
        {
            return "the predicting version is no longer registered";
        }

        if (manifest.Task == ModelTask.Regression)
        {
            return double.TryParse(label.Label, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? null
                : $"a regression label must be a finite number (got '{label.Label}')";
        }

        return manifest.ClassLabels is { Count: > 0 } classes && !classes.Contains(label.Label)
            ? $"'{label.Label}' is not a class of version {manifest.Version} ({string.Join(", ", classes)})"
            : null;
    }
}
