using System.Text;
using Serverless.Training.Spec;

namespace Serverless.Workflows.Training;

/// <summary>The spec rules of the training workflow: the train route checks them up front, the activity again.</summary>
public static class WorkflowTrainingSpec
{
    /// <summary>Reads and validates a spec whose data is a blob in the storage account.</summary>
    /// <exception cref="TrainingSpecException">Not a valid spec (the message names the field), or its data is a local path.</exception>
    public static TrainingSpec Read(ReadOnlySpan<byte> utf8Json)
    {
        TrainingSpec spec;
        try
        {
            spec = TrainingSpecReader.Read(utf8Json);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            // Invalid UTF-8 or a lone surrogate inside a string fails transcoding rather than parsing.
            throw new TrainingSpecException($"The training spec is not valid UTF-8 JSON: {e.Message}", e);
        }

        return spec.Data.Blob is null
            ? throw new TrainingSpecException(
                "'data.blob': a workflow trains on a blob in the storage account ('container/path/file.csv'); 'data.path' is for the command line.")
            : spec;
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte})"/>
    public static TrainingSpec Read(string json) => Read(Encoding.UTF8.GetBytes(json));
}
