using Microsoft.DurableTask;
using Serverless.Core.Models;
using Serverless.Training;
using Serverless.Training.Spec;

namespace Serverless.Workflows.Training;

/// <summary>
/// Trains a new version from a spec: snapshot the data (SHA-256, immutable copy), train, export, evaluate and
/// register it with its lineage. The custom status (<see cref="TrainingProgress"/>) names the stage.
/// </summary>
/// <remarks>
/// A bad spec, unreadable or unusable data (one class, all missing, over the limits) or a model the registry refuses
/// ends the instance as Failed with that reason and registers nothing; storage faults are retried. Replay-safe: only
/// activities and the context's timers. The retrain workflow runs the same two activities.
/// </remarks>
public sealed class TrainModelOrchestrator : TaskOrchestrator<TrainModelRequest, TrainedVersion>
{
    /// <summary>Attempts per activity for faults other than the permanent ones.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Retries transient faults with a growing pause; never retries what the same input would fail again.</summary>
    public static TaskOptions Retry { get; } = TaskOptions.FromRetryHandler(async retry =>
    {
        if (retry.LastAttemptNumber >= MaxAttempts || IsPermanent(retry.LastFailure))
        {
            return false;
        }

        await retry.OrchestrationContext.CreateTimer(TimeSpan.FromSeconds(2 * retry.LastAttemptNumber), retry.CancellationToken);
        return true;
    });

    public override async Task<TrainedVersion> RunAsync(TaskOrchestrationContext context, TrainModelRequest request)
    {
        try
        {
            context.SetCustomStatus(new TrainingProgress("snapshot", "copying the training data"));
            var snapshot = await context.CallActivityAsync<TrainingSnapshot>(nameof(SnapshotTrainingDataActivity), request, Retry);

            context.SetCustomStatus(new TrainingProgress("train", $"{snapshot.Bytes} bytes, sha256 {snapshot.Sha256}"));
            var trained = await context.CallActivityAsync<TrainedVersion>(
                nameof(TrainCandidateActivity), new TrainCandidateInput(request, snapshot, context.InstanceId), Retry);

            context.SetCustomStatus(new TrainingProgress("registered", $"{trained.Model} version {trained.Version}", trained.Version));
            return trained;
        }
        catch (TaskFailedException e)
        {
            var reason = e.FailureDetails.ErrorMessage;
            context.SetCustomStatus(new TrainingProgress("failed", reason));
            throw new TrainingFailedException(reason);
        }
    }

    /// <summary>Failures the same input would cause again: the spec, the data, or the registry's validation.</summary>
    public static bool IsPermanent(TaskFailureDetails failure) =>
        failure.ErrorType == typeof(TrainingSpecException).FullName
        || failure.ErrorType == typeof(TrainingDataException).FullName
        || failure.ErrorType == typeof(ModelValidationException).FullName;
}
