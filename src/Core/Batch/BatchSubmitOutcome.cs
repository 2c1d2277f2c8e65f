using System.Diagnostics.CodeAnalysis;

namespace Serverless.Core.Batch;

/// <summary>The outcome of <see cref="BatchJobService.SubmitAsync"/>: the stored job, or why none was stored.</summary>
public sealed record BatchSubmitOutcome
{
    private BatchSubmitOutcome(BatchJob? job, BatchSubmitFailure failure, string? message)
    {
        Job = job;
        Failure = failure;
        Message = message;
    }

    public BatchJob? Job { get; }

    public BatchSubmitFailure Failure { get; }

    /// <summary>What is wrong with the submission; null when it was accepted.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Job))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool Succeeded => Failure == BatchSubmitFailure.None;

    public static BatchSubmitOutcome Submitted(BatchJob job) => new(job, BatchSubmitFailure.None, null);

    public static BatchSubmitOutcome Failed(BatchSubmitFailure failure, string message) => new(null, failure, message);
}
