namespace Serverless.Core.Scoring;

/// <summary>Stage names of the scoring pipeline, the <c>serverless.scoring.stage</c> tag values.</summary>
public static class ScoringStages
{
    /// <summary>Reading the body and encoding features (one pass for records: the reader encodes as it parses).</summary>
    public const string Parse = "parse";

    /// <summary>Building tensors from parsed values (OIP only; records are encoded while parsed).</summary>
    public const string Encode = "encode";

    /// <summary>The ONNX Runtime call.</summary>
    public const string Infer = "infer";

    /// <summary>Writing the response or output file.</summary>
    public const string Write = "write";
}
