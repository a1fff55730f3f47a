using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// What spans the records of one source: facts already reported, the epoch count for records without a position,
/// where training last was (to notice restarts), and the remaining-time estimate not yet reported.
/// </summary>
internal sealed class RecordSequence
{
    private readonly HashSet<string> _factsSeen = new(StringComparer.Ordinal);
    private int _inferredEpochs;
    private long? _lastStep;
    private int? _lastEpoch;
    private double? _lastFraction;
    private readonly EtaEvents _eta = new();

    public int NextInferredEpoch() => _inferredEpochs++;

    /// <summary>A fact (`n_parameters`) is printed on every record; it is reported the first time only.</summary>
    public void Fact(string name, double value, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        if (_factsSeen.Add(name))
        {
            sink.OnEvent(Event(EventKind.RunInfo, name, value, origin, text, default));
        }
    }

    /// <summary>
    /// A training record's position. Two runs appended to one file, or a relaunch appending to detectron2's
    /// `metrics.json`, make the count go back: the series keep every point in arrival order, and a `restart` marker
    /// says where the new run starts.
    /// </summary>
    public void SeeTraining(in Position position, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        var back = false;
        if (position.Step is long step)
        {
            back = _lastStep is long last && step < last;
            _lastStep = step;
        }
        else if (position.Epoch is int epoch)
        {
            back = _lastEpoch is int last && epoch < last;
            _lastEpoch = epoch;
        }
        else if (position.EpochFraction is double fraction)
        {
            // Trainer dicts on stdout carry only the fractional epoch.
            back = _lastFraction is double last && fraction < last;
            _lastFraction = fraction;
        }

        if (back)
        {
            sink.OnEvent(Event(EventKind.Marker, "restart", (double?)position.Step ?? position.Epoch ?? position.EpochFraction, origin, text, position));
        }
    }

    /// <summary>
    /// The Trainer's end-of-training summary (`train_runtime`): the run completed, after <paramref name="runtimeSeconds"/>,
    /// at the summary's step (HF writes the final `global_step` there).
    /// </summary>
    public void Completed(double? runtimeSeconds, in Position position, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
        => sink.OnEvent(Event(EventKind.Completed, "training-completed", runtimeSeconds, origin, text, position));

    /// <summary>Called once per record, with the estimate it carried, if any.</summary>
    public void SeeRecord(double? etaSeconds, in RecordOrigin origin, in Position position, IRecordSink sink)
    {
        if (etaSeconds is double seconds)
        {
            _eta.See(origin.Source, origin.Rank, origin.Line, origin.Offset, origin.Timestamp, seconds, position, sink);
        }
    }

    /// <summary>End of input: the last remaining-time estimate is the one that matters.</summary>
    public void Complete(IRecordSink sink) => _eta.Complete(sink);

    private static LogEvent Event(EventKind kind, string name, double? value, in RecordOrigin origin, ReadOnlySpan<byte> text, Position position)
        => Event(kind, name, value, origin, EventText.From(text), position);

    private static LogEvent Event(EventKind kind, string name, double? value, in RecordOrigin origin, string text, Position position) => new()
    {
        Kind = kind,
        Source = origin.Source,
        Line = origin.Line,
        Offset = origin.Offset,
        Rank = origin.Rank,
        Timestamp = origin.Timestamp,
        Position = position,
        Text = text,
        Name = name,
        Value = value,
    };
}
