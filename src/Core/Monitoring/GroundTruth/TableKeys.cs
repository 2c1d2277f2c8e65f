using System.Globalization;
using System.Text;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Row keys of the prediction log and the feedback table, built from caller-chosen request ids.</summary>
internal static class TableKeys
{
    /// <summary>
    /// The request id with the characters Table Storage forbids in keys (<c>/ \ # ?</c>, control characters) and
    /// <c>%</c> written as <c>%XX</c>: distinct ids stay distinct keys. Request ids are visible ASCII (RequestIds).
    /// </summary>
    public static string Escape(string requestId)
    {
        if (requestId.AsSpan().IndexOfAny("/\\#?%") < 0 && !requestId.Any(char.IsControl))
        {
            return requestId;
        }

        var escaped = new StringBuilder(requestId.Length + 8);
        foreach (var c in requestId)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>A logged prediction's row key: <c>{escaped id}|{index:D6}</c>.</summary>
    public static string Prediction(string requestId, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Escape(requestId)}|{index:D6}");

    /// <summary>A labelled prediction's row key: its prediction time first, so a time range is a key range.</summary>
    public static string Labelled(DateTimeOffset predicted, string requestId, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimePrefix(predicted)}-{Prediction(requestId, index)}");

    /// <summary>The key prefix of a time, to the second (UTC): <c>yyyyMMddHHmmss</c>.</summary>
    public static string TimePrefix(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
