using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using HttpManagementPayload = Serverless.Api.Workflows.HttpManagementPayload;

namespace Serverless.Functions.Workflows;

/// <summary>Durable Functions' own management links (its webhook base URL and system key), in the shape both hosts answer with.</summary>
internal static class DurableLinks
{
    public static HttpManagementPayload For(DurableTaskClient client, string id)
    {
        var p = client.CreateHttpManagementPayload(id);
        return new HttpManagementPayload(
            p.Id ?? id, p.StatusQueryGetUri ?? "", p.SendEventPostUri ?? "", p.TerminatePostUri ?? "", p.SuspendPostUri ?? "",
            p.ResumePostUri ?? "", p.PurgeHistoryDeleteUri ?? "");
    }
}
