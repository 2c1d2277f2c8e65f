using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Security;
using Serverless.Api.Training;
using Serverless.LocalHost.Durable;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the train route onto <see cref="TrainingHandler"/>, with this host's engine and management links.</summary>
internal static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Routes.ModelTrain, (HttpRequest request, string name, TrainingHandler h, DurableTaskClient client, CancellationToken ct) =>
            h.StartAsync(request, name, client, id => DurableManagementApi.CreateHttpManagementPayload(request, id), ct)).DisableAntiforgery().RequireApiKey();
        return endpoints;
    }
}
