namespace Serverless.Core.Approvals;

/// <summary>Where approval links point: <c>{PublicBaseUrl}/api/approvals/{token}</c>.</summary>
public static class ApprovalLinks
{
    /// <summary>The route both hosts map (Api's <c>Routes.Approval</c> is this constant).</summary>
    public const string RouteTemplate = "api/approvals/{token}";

    public static string For(string publicBaseUrl, string token) =>
        publicBaseUrl.TrimEnd('/') + "/" + RouteTemplate.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal);
}
