using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Validation;
using Serverless.Training;
using Serverless.Training.Data;
using Serverless.Training.Evaluation;
using Serverless.Workflows.Training;

namespace Serverless.Workflows.Validation;

/// <summary>
/// Scores the champion on the candidate's holdout: reads the training snapshot, takes exactly the holdout rows the
/// candidate was evaluated on (<see cref="Holdout"/>, the trainer's own split), encodes them with the champion's schema,
/// scores them with the champion as serving loads it (verified artifact, ONNX Runtime) and computes the same metrics
/// training does. The no-regression gate then compares like with like.
/// </summary>
/// <remarks>
/// Idempotent: reads only (the snapshot is immutable and checked against its SHA-256), so a rerun gives the same answer.
/// A champion that cannot score the rows (its schema requires a field the file lacks, an unknown category, other classes,
/// a raw-tensor model, an artifact that fails verification) is an answer, not a failure: <see cref="ChampionOnHoldout.Problem"/>.
/// CPU-bound parsing and scoring run on the thread pool.
/// </remarks>
public sealed class ScoreChampionOnHoldoutActivity(BlobServiceClient blobs, IModelProvider models, IOptions<TrainingOptions> limits)
    : TaskActivity<ChampionHoldoutInput, ChampionOnHoldout>
{
    public override async Task<ChampionOnHoldout> RunAsync(TaskActivityContext context, ChampionHoldoutInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var spec = WorkflowTrainingSpec.Read(input.SpecJson);
        spec = spec with { Data = spec.Data with { Blob = input.Snapshot.Blob, Path = null } };
        var data = await TrainingDataLoader.LoadAsync(spec.Data, null, blobs, limits.Value, CancellationToken.None);
        if (Convert.ToHexStringLower(SHA256.HashData(data.Bytes)) != input.Snapshot.Sha256)
        {
            throw new TrainingDataException($"'{input.Snapshot.Blob}' no longer hashes to {input.Snapshot.Sha256}: the snapshot was altered.");
        }

        var holdout = await Task.Run(() => Holdout.ReadAsync(spec, data, limits.Value));
        IScoringModel champion;
        try
        {
            champion = await models.GetAsync(input.Model, input.Champion);
        }
        catch (ArtifactIntegrityException e)
        {
            return Unscorable(e.Message);
        }

        if (champion.Encoder is not { } encoder)
        {
            return Unscorable("it takes raw tensors only, not records");
        }

        if (!holdout.TryEncode(encoder, out var features, out var problem))
        {
            return Unscorable(problem!);
        }

        var predictions = await Task.Run(() => champion.ScoreEncoded(features, holdout.Count));
        return holdout.TryEvaluate(predictions, out var metrics, out problem)
            ? new ChampionOnHoldout(input.Champion, holdout.Count, metrics)
            : Unscorable(problem!);

        ChampionOnHoldout Unscorable(string why) => new(input.Champion, holdout.Count, null, why);
    }
}
