using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Training;
using Serverless.Workflows.Training;

namespace Serverless.Functions.Workflows;

/// <summary>The train route and the training workflow's orchestrator and activities, bound to the classes in src/Workflows.</summary>
public sealed class TrainingWorkflowFunctions(TrainingHandler handler)
{
    [Function("TrainModel")]
    public Task<IResult> Train(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ModelTrain)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.StartAsync(request, name, client, id => DurableLinks.For(client, id), cancellationToken);

    [Function(nameof(TrainModelOrchestrator))]
    public static Task<TrainedVersion> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new TrainModelOrchestrator().RunAsync(context, context.GetInput<TrainModelRequest>()!);

    [Function(nameof(SnapshotTrainingDataActivity))]
    public static Task<TrainingSnapshot> Snapshot([ActivityTrigger] TrainModelRequest input, FunctionContext function) =>
        ActivityRunner.RunAsync<SnapshotTrainingDataActivity, TrainModelRequest, TrainingSnapshot>(function, input);

    [Function(nameof(TrainCandidateActivity))]
    public static Task<TrainedVersion> TrainCandidate([ActivityTrigger] TrainCandidateInput input, FunctionContext function) =>
        ActivityRunner.RunAsync<TrainCandidateActivity, TrainCandidateInput, TrainedVersion>(function, input);
}
