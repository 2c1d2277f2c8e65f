namespace Serverless.Workflows.Hosting.Tests;

/// <summary>
/// Collects an async sequence. (Named apart from <c>ToListAsync</c>: DTFx brings System.Linq.Async, whose extension
/// of that name collides with the one .NET 10 ships.)
/// </summary>
internal static class AsyncCollect
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
