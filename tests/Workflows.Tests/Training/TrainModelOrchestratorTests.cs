using Microsoft.DurableTask;
using Moq;
using Serverless.Training;
using Serverless.Workflows.Training;

namespace Serverless.Workflows.Tests.Training;

/// <summary>Every branch of <see cref="TrainModelOrchestrator"/> against a strict mock of its context.</summary>
public class TrainModelOrchestratorTests
{
    private static readonly TrainModelRequest Request = new("churn", """{"data":{"blob":"c/d.csv"},"label":"y","task":"binary"}""", "ada", "manual", 3);
    private static readonly TrainingSnapshot Snapshot = new("training-snapshots/churn/abc/d.csv", "abc", 1234, "c/d.csv", "\"etag\"");
    private static readonly TrainedVersion Trained = new("churn", 4, false, new Dictionary<string, double> { ["auc"] = 0.9 }, "abc");

    [Fact]
    public async Task RunAsync_BothActivitiesSucceed_ReturnsTheVersionAndReportsEachStage()
    {
        var statuses = new List<TrainingProgress>();
        var context = Context(statuses);
        context.Setup(c => c.CallActivityAsync<TrainingSnapshot>(nameof(SnapshotTrainingDataActivity), Request, TrainModelOrchestrator.Retry))
            .ReturnsAsync(Snapshot);
        context.Setup(c => c.CallActivityAsync<TrainedVersion>(
                nameof(TrainCandidateActivity), new TrainCandidateInput(Request, Snapshot, "train-1"), TrainModelOrchestrator.Retry))
            .ReturnsAsync(Trained);

        var result = await new TrainModelOrchestrator().RunAsync(context.Object, Request);

        Assert.Same(Trained, result);
        Assert.Equal(["snapshot", "train", "registered"], statuses.Select(s => s.Stage));
        Assert.Contains("sha256 abc", statuses[1].Detail);
        Assert.Equal(4, statuses[2].Version);
    }

    [Fact]
    public async Task RunAsync_SnapshotFails_FailsWithItsReason_NeverTrains()
    {
        var statuses = new List<TrainingProgress>();
        var context = Context(statuses);
        context.Setup(c => c.CallActivityAsync<TrainingSnapshot>(nameof(SnapshotTrainingDataActivity), Request, TrainModelOrchestrator.Retry))
            .ThrowsAsync(Failure<TrainingDataException>("'data.blob': 'c/d.csv' does not exist in the storage account."));

        var error = await Assert.ThrowsAsync<TrainingFailedException>(() => new TrainModelOrchestrator().RunAsync(context.Object, Request));

        Assert.Equal("'data.blob': 'c/d.csv' does not exist in the storage account.", error.Message);
        Assert.Equal(["snapshot", "failed"], statuses.Select(s => s.Stage));
        Assert.Equal(error.Message, statuses[1].Detail);
    }

    [Fact]
    public async Task RunAsync_TrainingFails_FailsWithItsReason()
    {
        var statuses = new List<TrainingProgress>();
        var context = Context(statuses);
        context.Setup(c => c.CallActivityAsync<TrainingSnapshot>(nameof(SnapshotTrainingDataActivity), Request, TrainModelOrchestrator.Retry))
            .ReturnsAsync(Snapshot);
        context.Setup(c => c.CallActivityAsync<TrainedVersion>(nameof(TrainCandidateActivity), It.IsAny<TrainCandidateInput>(), TrainModelOrchestrator.Retry))
            .ThrowsAsync(Failure<TrainingDataException>("Label column 'y' has one class only ('1')."));

        var error = await Assert.ThrowsAsync<TrainingFailedException>(() => new TrainModelOrchestrator().RunAsync(context.Object, Request));

        Assert.Contains("one class only", error.Message);
        Assert.Equal(["snapshot", "train", "failed"], statuses.Select(s => s.Stage));
    }

    [Theory]
    [InlineData("Serverless.Training.Spec.TrainingSpecException", true)]
    [InlineData("Serverless.Training.TrainingDataException", true)]
    [InlineData("Serverless.Core.Models.ModelValidationException", true)]
    [InlineData("Azure.RequestFailedException", false)]
    [InlineData("System.IO.IOException", false)]
    public void IsPermanent_ByErrorType(string errorType, bool permanent) =>
        Assert.Equal(permanent, TrainModelOrchestrator.IsPermanent(new TaskFailureDetails(errorType, "m", null, null, null)));

    private static Mock<TaskOrchestrationContext> Context(List<TrainingProgress> statuses)
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.SetupGet(c => c.InstanceId).Returns("train-1");
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => statuses.Add((TrainingProgress)s!));
        return context;
    }

    private static TaskFailedException Failure<T>(string message) =>
        new("activity", 1, new TaskFailureDetails(typeof(T).FullName!, message, null, null, null));
}
