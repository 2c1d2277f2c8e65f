namespace Serverless.Api.Http;

/// <summary>The body of a 500: <c>{ "error", "requestId" }</c>.</summary>
public sealed record UnhandledErrorBody(string Error, string RequestId);
