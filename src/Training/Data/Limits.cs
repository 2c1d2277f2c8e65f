namespace Serverless.Training.Data;

/// <summary>The errors for data over the configured bounds, worded once.</summary>
internal static class Limits
{
    public static TrainingDataException TooManyRows(string source, int maxRows) => new(
        $"{source} has more than {maxRows} rows, the limit set by Training:MaxRows; sample the file or raise the limit.");

    public static TrainingDataException TooManyBytes(string source, long bytes, long maxBytes) => new(
        $"{source} is {bytes} bytes{(bytes > maxBytes ? "" : " or more")}, over the {maxBytes} byte limit set by Training:MaxDataBytes " +
        "(training holds the data in memory); sample the file or raise the limit.");
}
