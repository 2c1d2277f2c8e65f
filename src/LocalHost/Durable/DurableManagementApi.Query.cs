using Microsoft.DurableTask.Client;
using Serverless.Api.Workflows;

namespace Serverless.LocalHost.Durable;

/// <summary>Listing and purging many instances: Durable Functions' query parameters and continuation header.</summary>
public static partial class DurableManagementApi
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private const int MaxPageSize = 1000;

    private static async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        if (!ManagementQuery.TryParse(request.Query, out var filter, out var error))
        {
            return error;
        }

        var query = new OrchestrationQuery
        {
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            Statuses = filter.Statuses,
            InstanceIdPrefix = filter.InstanceIdPrefix,
            PageSize = Math.Clamp(filter.Top ?? 100, 1, MaxPageSize),
            FetchInputsAndOutputs = filter.ShowInput,
        };
        var continuation = request.Headers[ContinuationHeader].ToString();
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(string.IsNullOrEmpty(continuation) ? null : continuation, query.PageSize).WithCancellation(ct))
        {
            if (page.ContinuationToken is { Length: > 0 } next)
            {
                request.HttpContext.Response.Headers[ContinuationHeader] = next;
            }

            return TypedResults.Ok(page.Values.Select(DurableStatusResponse.From));
        }

        return TypedResults.Ok(Array.Empty<DurableStatusResponse>());
    }

    private static async Task<IResult> PurgeManyAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        if (!ManagementQuery.TryParse(request.Query, out var filter, out var error))
        {
            return error;
        }

        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses), ct);
        return TypedResults.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }
}
