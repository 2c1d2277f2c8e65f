using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Api.Approvals;
using Serverless.Api.Http;

namespace Serverless.Functions.Http;

/// <summary>
/// Binds approval links to <see cref="ApprovalHandler"/> (same handler as the local host). Anonymous on purpose: the
/// signed, expiring token in the path is the authorization (mail links cannot carry a function key safely).
/// </summary>
public sealed class ApprovalFunctions(ApprovalHandler handler)
{
    [Function("ShowApproval")]
    public Task<IResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Approval)] HttpRequest request, string token, CancellationToken cancellationToken) =>
        handler.ShowAsync(request, token, cancellationToken);

    [Function("DecideApproval")]
    public Task<IResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Approval)] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        handler.DecideAsync(request, token, client, cancellationToken);
}
