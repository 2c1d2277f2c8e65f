namespace Serverless.Core.Scoring;

/// <summary>Where one scoring call spent its time; a stage that did not run is zero.</summary>
/// <param name="Total">The whole call, from the first byte read to the last byte written.</param>
/// <param name="Parse">Reading the body (and, for records, encoding as it reads).</param>
/// <param name="Encode">Building tensors from parsed values (OIP).</param>
/// <param name="Infer">The ONNX Runtime call.</param>
/// <param name="Write">Writing the response.</param>
public readonly record struct ScoringTimings(TimeSpan Total, TimeSpan Parse = default, TimeSpan Encode = default, TimeSpan Infer = default, TimeSpan Write = default);
