using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Security;

public static class ApiKeyEndpointConventionBuilderExtensions
{
    /// <summary>
    /// The route (or every route of a group) answers 401 <c>{ "error" }</c> unless the request carries the API key in
    /// <c>x-functions-key</c>; the handler does not run, so nothing changes. Needs <c>AddApiKeyAuthorization</c>.
    /// Apply it to every route that changes state; the Functions app gets the same from <c>AuthorizationLevel.Function</c>.
    /// </summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(ApiKeyEndpointFilter.Instance).WithMetadata(RequiresApiKey.Instance);

    /// <summary>
    /// For scoring routes (<see cref="Http.Routes.Scoring"/>): <see cref="RequireApiKey{TBuilder}"/> when
    /// <c>ApiKey:RequireForScoring</c> is true, else nothing (anonymous, and no filter on the hot path).
    /// </summary>
    public static TBuilder RequireApiKeyForScoring<TBuilder>(this TBuilder builder, IEndpointRouteBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.ServiceProvider.GetRequiredService<IOptions<ApiKeyOptions>>().Value.RequireForScoring ? builder.RequireApiKey() : builder;
}
