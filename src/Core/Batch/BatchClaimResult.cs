namespace Serverless.Core.Batch;

/// <summary>The result of trying to claim an input version: exactly one of the three is set.</summary>
/// <param name="Claim">This worker now holds the version.</param>
/// <param name="Final">The version already has a final receipt.</param>
/// <param name="Busy">Another worker holds the version.</param>
public sealed record BatchClaimResult(BatchClaim? Claim, BatchReceipt? Final, bool Busy);
