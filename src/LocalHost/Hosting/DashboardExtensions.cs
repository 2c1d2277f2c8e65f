namespace Serverless.LocalHost.Hosting;

/// <summary>
/// The dashboard at <c>/</c>: static files from <c>wwwroot</c> (index.html, dashboard.js, and uPlot, which the build copies
/// from node_modules into <c>wwwroot/lib</c>). The page only calls read-only GET routes both hosts serve (and the local
/// durable management list), so it adds no route of its own and changes nothing.
/// </summary>
internal static class DashboardExtensions
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
