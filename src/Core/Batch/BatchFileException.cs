namespace Serverless.Core.Batch;

/// <summary>
/// The file as a whole cannot be scored (header does not match the schema, not valid gzip, a record too long):
/// it is rejected, the reason goes into its summary and no output is published.
/// </summary>
public sealed class BatchFileException(string message, Exception? inner = null) : Exception(message, inner);
