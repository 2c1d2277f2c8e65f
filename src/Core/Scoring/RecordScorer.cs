using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring.Automation;

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

    /// <summary>
    /// As above, with the call's routing (route reason, variant) passed on to the observer's prediction log. Below full
    /// <see cref="ScoringCall.Automation"/> the response takes that level's shape (PredictionWriter) and the observer gets
    /// the call with <see cref="ScoringCall.Review"/> set, so the records that need review are queued off the response path.
    /// </summary>
    /// <param name="call">Its <see cref="ScoringCall.RequestId"/> is echoed as <c>requestId</c> and must be set; its
    /// <see cref="ScoringCall.RouteReason"/> (one of <see cref="RouteReasons"/>) is written as <c>reason</c> when set.</param>
    public bool TryScore(
        IScoringModel model, ReadOnlySpan<byte> utf8Json, in ScoringCall call, IBufferWriter<byte> output,
        [NotNullWhen(false)] out string? error) =>
        TryScore(model, utf8Json, call, output, out error, out _);

    /// <summary>As above, also handing back the predictions written (for a shadow comparison).</summary>
    public bool TryScore(
        IScoringModel model, ReadOnlySpan<byte> utf8Json, in ScoringCall call, IBufferWriter<byte> output,
        [NotNullWhen(false)] out string? error, [NotNullWhen(true)] out TabularPredictions? predictions)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (call.RequestId is null)
        {
            throw new ArgumentException("The call has no request id.", nameof(call));
        }

        return TryRun(model, utf8Json, call, ScoringEndpoints.Records, output, out predictions, out error);
    }

    /// <summary>Scores a body without writing a response (shadow copies): recorded on <paramref name="endpoint"/>.</summary>
    public bool TryPredict(
        IScoringModel model, ReadOnlySpan<byte> utf8Json, in ScoringCall call, string endpoint,
        [NotNullWhen(true)] out TabularPredictions? predictions, [NotNullWhen(false)] out string? error) =>
        TryRun(model, utf8Json, call, endpoint, null, out predictions, out error);

    private bool TryRun(
        IScoringModel model, ReadOnlySpan<byte> utf8Json, in ScoringCall call, string endpoint, IBufferWriter<byte>? output,
        [NotNullWhen(true)] out TabularPredictions? predictions, [NotNullWhen(false)] out string? error)
    {
        predictions = null;
        var encoder = model.Encoder ?? throw new InvalidOperationException(
            $"Model '{model.Manifest.Name}' version {model.Manifest.Version} has no feature schema.");
        var started = Stopwatch.GetTimestamp();
        using var rows = new EncodedRows(encoder.Width);
        if (!RecordRequestReader.TryRead(utf8Json, encoder, model.Manifest.Name, MaxRecordsPerRequest, rows, out error))
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var kind = FeatureEncoder.IsUnknownCategoryError(error, out var feature) ? ScoringErrorKinds.UnseenCategory : ScoringErrorKinds.InvalidInput;
            _observer.RecordFailed(model.Manifest, endpoint, kind, new ScoringTimings(elapsed, Parse: elapsed), feature);
            return false;
        }

        var parsed = Stopwatch.GetTimestamp();
        try
        {
            predictions = model.ScoreEncoded(rows.Memory, rows.Rows);
        }
        catch (InvalidInferenceInputException e)
        {
            // A value the encoder took but the model's input cannot (a fraction for an integer input).
            error = e.Message;
            var elapsed = Stopwatch.GetElapsedTime(started);
            _observer.RecordFailed(model.Manifest, endpoint, ScoringErrorKinds.InvalidInput, new ScoringTimings(elapsed, Parse: elapsed), null);
            return false;
        }

        var inferred = Stopwatch.GetTimestamp();
        var recorded = call;
        FeatureContribution[][]? explanations = null;
        if (output is not null && !call.FullAutomation)
        {
            // Below full automation: which records need a reviewer (the observer queues them), and for assist why.
            recorded = call with { Review = ReviewDecisions.NeedsReview(call.Automation!, predictions) };
            if (call.Automation!.Level == AutomationLevel.Assist)
            {
                explanations = FeatureAttribution.Explain(model, rows.Memory.Span, rows.Rows, predictions);
            }
        }

        if (output is not null)
        {
            Write(output, recorded, model.Manifest, predictions, explanations);
        }

        var written = Stopwatch.GetTimestamp();
        _observer.RecordScored(model.Manifest, endpoint, rows.Memory.Span, rows.Rows, predictions, new ScoringTimings(
            Stopwatch.GetElapsedTime(started, written), Parse: Stopwatch.GetElapsedTime(started, parsed),
            Infer: Stopwatch.GetElapsedTime(parsed, inferred), Write: Stopwatch.GetElapsedTime(inferred, written)), recorded);
        return true;
    }

    private static void Write(
        IBufferWriter<byte> output, in ScoringCall call, ModelManifest manifest, TabularPredictions predictions, FeatureContribution[][]? explanations)
    {
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
            if (call.FullAutomation)
            {
                PredictionWriter.Write(writer, call.RequestId!, manifest.Name, manifest.Version, call.RouteReason, predictions);
            }
            else
            {
                PredictionWriter.Write(
                    writer, call.RequestId!, manifest.Name, manifest.Version, call.RouteReason, predictions, call.Automation!, call.Review, explanations);
            }
        }
        finally
        {
            // Drop the reference to the caller's buffer so it is not kept alive by this thread.
            writer.Reset(Stream.Null);
        }
    }
}
