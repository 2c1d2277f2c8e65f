namespace Serverless.Api.Workflows;

/// <summary>
/// The check-status payload of Durable Functions (<c>CreateHttpManagementPayload</c>): where to poll, raise events,
/// terminate, suspend, resume and purge. Serialised camelCase; clients should read it case-insensitively.
/// </summary>
/// <remarks><c>{eventName}</c> and <c>{text}</c> are placeholders the caller fills in, as in Durable Functions.</remarks>
public sealed record HttpManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string PurgeHistoryDeleteUri);
