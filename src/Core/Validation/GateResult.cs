namespace Serverless.Core.Validation;

/// <summary>One validation gate's result: its name, whether it passed, and the numbers behind the verdict.</summary>
public sealed record GateResult(string Name, bool Passed, string Detail);
