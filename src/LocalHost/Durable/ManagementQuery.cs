using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;

namespace Serverless.LocalHost.Durable;

/// <summary>The query string of Durable Functions' list and purge routes: createdTimeFrom/To, runtimeStatus, instanceIdPrefix, top, showInput.</summary>
internal sealed record ManagementQuery(
    DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, IReadOnlyList<OrchestrationRuntimeStatus>? Statuses, string? InstanceIdPrefix, int? Top, bool ShowInput)
{
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out ManagementQuery? result, [NotNullWhen(false)] out IResult? error)
    {
        result = null;
        var fromError = ParseDate(query, "createdTimeFrom", out var from);
        error = ParseDate(query, "createdTimeTo", out var to) ?? fromError;
        if (error is not null)
        {
            return false;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in query["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(value, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                error = ApiError.Result(StatusCodes.Status400BadRequest, $"runtimeStatus '{value}' is not a status (Pending, Running, Completed, Failed, Terminated, Suspended).");
                return false;
            }

            statuses.Add(status);
        }

        int? top = null;
        if (query["top"].ToString() is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                error = ApiError.Result(StatusCodes.Status400BadRequest, "top must be a positive integer.");
                return false;
            }

            top = parsed;
        }

        result = new ManagementQuery(
            from, to, statuses.Count > 0 ? statuses : null, query["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null, top,
            string.Equals(query["showInput"], "true", StringComparison.OrdinalIgnoreCase));
        return true;
    }

    /// <summary>Null when the parameter is absent or a date; otherwise the 400 to answer.</summary>
    private static IResult? ParseDate(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return null;
        }

        return ApiError.Result(StatusCodes.Status400BadRequest, $"{name} '{text}' is not an ISO 8601 date.");
    }
}
