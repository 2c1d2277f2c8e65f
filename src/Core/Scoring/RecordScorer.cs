using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// Record scoring without HTTP: a predict body (UTF-8 JSON) in, the response JSON out. The endpoint, the
/// Functions trigger and benchmarks all go through here.
/// </summary>
/// <remarks>
/// The body is parsed straight into a pooled float buffer through the model's <see cref="Models.FeatureEncoder"/>,
/// scored in one ONNX Runtime call and written with a reused <see cref="Utf8JsonWriter"/>. Nothing is written
/// when the body is refused. Thread-safe: per-call state lives on the stack, the pool or a thread-static writer.
/// </remarks>
public sealed class RecordScorer
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly IScoringObserver _observer;

    public RecordScorer(IOptions<ScoringOptions> options, IScoringObserver? observer = null)
        : this(options.Value.MaxRecordsPerRequest, observer)
    {
    }

    /// <param name="maxRecordsPerRequest">Bodies with more records are refused.</param>
    /// <param name="observer">Told about every scored or refused body (monitoring); none by default.</param>
    public RecordScorer(int maxRecordsPerRequest, IScoringObserver? observer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordsPerRequest);
        MaxRecordsPerRequest = maxRecordsPerRequest;
        _observer = observer ?? NullScoringObserver.Instance;
    }

    public int MaxRecordsPerRequest { get; }

    /// <summary>Scores <c>{ "records": [ ... ] }</c> and writes the predictions to <paramref name="output"/>.</summary>
    /// <param name="model">A model with a feature schema and a classification or regression task.</param>
    /// <param name="utf8Json">The request body.</param>
    /// <param name="requestId">Echoed as <c>requestId</c>.</param>
    /// <param name="output">Receives the response JSON (only on success).</param>
    /// <param name="error">Why the body was refused, naming the record and field at fault.</param>
    /// <returns>False when the body is refused (a client error); model failures throw.</returns>
    /// <exception cref="InvalidOperationException">The model has no feature schema or no tabular task.</exception>
    public bool TryScore(
        IScoringModel model, ReadOnlySpan<byte> utf8Json, string requestId, IBufferWriter<byte> output,
        [NotNullWhen(false)] out string? error) =>
        TryScore(model, utf8Json, new ScoringCall(requestId), output, out error);

    /// <summary>As above, with the call's routing (route reason, variant) passed on to the observer's prediction log.</summary>
    /// <param name="call">Its <see cref="ScoringCall.RequestId"/> is echoed as <c>requestId</c> and must be set; its
    /// <see cref="ScoringCall.RouteReason"/> (one of <see cref="RouteReasons"/>) is written as <c>reason</c> when set.</param>
    public bool TryScore(
        IScoringModel model, ReadOnlySpan<byte> utf8Json, in ScoringCall call, IBufferWriter<byte> output,
        [NotNullWhen(false)] out string? error)
    {
        var requestId = call.RequestId ?? throw new ArgumentException("The call has no request id.", nameof(call));
        var encoder = model.Encoder ?? throw new InvalidOperationException(
            $"Model '{model.Manifest.Name}' version {model.Manifest.Version} has no feature schema.");
        var started = Stopwatch.GetTimestamp();
        using var rows = new EncodedRows(encoder.Width);
        if (!RecordRequestReader.TryRead(utf8Json, encoder, model.Manifest.Name, MaxRecordsPerRequest, rows, out error))
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var kind = FeatureEncoder.IsUnknownCategoryError(error, out var feature) ? ScoringErrorKinds.UnseenCategory : ScoringErrorKinds.InvalidInput;
            _observer.RecordFailed(model.Manifest, ScoringEndpoints.Records, kind, new ScoringTimings(elapsed, Parse: elapsed), feature);
            return false;
        }

        var parsed = Stopwatch.GetTimestamp();
        TabularPredictions predictions;
        try
        {
            predictions = model.ScoreEncoded(rows.Memory, rows.Rows);
        }
        catch (InvalidInferenceInputException e)
        {
            // A value the encoder took but the model's input cannot (a fraction for an integer input).
            error = e.Message;
            var elapsed = Stopwatch.GetElapsedTime(started);
            _observer.RecordFailed(model.Manifest, ScoringEndpoints.Records, ScoringErrorKinds.InvalidInput, new ScoringTimings(elapsed, Parse: elapsed), null);
            return false;
        }

        var inferred = Stopwatch.GetTimestamp();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            PredictionWriter.Write(writer, requestId, model.Manifest.Name, model.Manifest.Version, call.RouteReason, predictions);
        }
        finally
        {
            // Drop the reference to the caller's buffer so it is not kept alive by this thread.
            writer.Reset(Stream.Null);
        }

        var written = Stopwatch.GetTimestamp();
        _observer.RecordScored(model.Manifest, ScoringEndpoints.Records, rows.Memory.Span, rows.Rows, predictions, new ScoringTimings(
            Stopwatch.GetElapsedTime(started, written), Parse: Stopwatch.GetElapsedTime(started, parsed),
            Infer: Stopwatch.GetElapsedTime(parsed, inferred), Write: Stopwatch.GetElapsedTime(inferred, written)), call);
        return true;
    }
}
