namespace Serverless.Infra.Tests.Bicep;

/// <summary>One run of the Bicep CLI.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
