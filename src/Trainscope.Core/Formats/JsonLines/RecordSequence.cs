using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// What spans the records of one source: facts already reported, the epoch count for records without a position,
/// where training last was (to notice restarts), and the remaining-time estimate not yet reported. A sequence may
/// begin at a cut in the file (<see cref="BeginPart"/>); it then assumes what the records before the cut left, notes
/// what its records depended on, and is checked against and joined to the sequence that read up to the cut.
/// </summary>
internal sealed class RecordSequence
{
    private HashSet<string> _factsSeen = new(StringComparer.Ordinal);
    private int _inferredEpochs;
    private TrainingPositions _last;
    private readonly EtaSequence _eta = new();
    private bool _inPart;

    /// <summary>In a part: each kind's first position checked, which the check could compare with nothing.</summary>
    private TrainingPositions _firstInPart;

    /// <summary>Where training last was, as far as this sequence read.</summary>
    public TrainingPositions Last => _last;

    public int NextInferredEpoch() => _inferredEpochs++;

    /// <summary>
    /// Reading starts at a cut. A fact met from here on is taken to have been reported before it (DETR prints
    /// `n_parameters` on every record), the first position of each kind to be no restart, the inferred epochs to
    /// count from 0, and the estimates to be reported as from a source's start; <see cref="Continues"/> checks all four.
    /// </summary>
    public void BeginPart() => _inPart = true;

    /// <summary>A fact (`n_parameters`) is printed on every record; it is reported the first time only.</summary>
    public void Fact(string name, double value, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        if (_factsSeen.Add(name) && !_inPart)
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
        var at = TrainingPositions.Of(position);
        if (_inPart)
        {
            _firstInPart.FillFrom(at.Unknown(_last));
        }

        var back = at.AnyBelow(_last);
        _last.MoveTo(at);
        if (back)
        {
            sink.OnEvent(Event(EventKind.Marker, "restart", (double?)position.Step ?? position.Epoch ?? position.EpochFraction, origin, text, position));
        }
    }

    /// <summary>A training record's position that another sequence has checked: only remembered, as the last of its kind.</summary>
    public void Learn(in Position position) => _last.MoveTo(TrainingPositions.Of(position));

    /// <summary>
    /// Whether the records read since <see cref="BeginPart"/> are what reading on from <paramref name="before"/> gives:
    /// every fact met was reported before, no kind's first position is below where <paramref name="beforeLast"/> says
    /// training was, epochs were inferred on one side of the cut at most, and the estimates were reported where they
    /// would have been.
    /// </summary>
    public bool Continues(RecordSequence before, in TrainingPositions beforeLast)
        => _inPart
            && !_firstInPart.AnyBelow(beforeLast)
            && _factsSeen.IsSubsetOf(before._factsSeen)
            && (_inferredEpochs == 0 || before._inferredEpochs == 0)
            && _eta.Continues(before._eta);

    /// <summary>
    /// After <see cref="Continues"/>: this sequence is then as <paramref name="before"/> would be after the part's
    /// records; <paramref name="renumber"/> moves <paramref name="before"/>'s line numbers to this sequence's.
    /// </summary>
    public void Join(RecordSequence before, in TrainingPositions beforeLast, long renumber)
    {
        _factsSeen = new HashSet<string>(before._factsSeen, StringComparer.Ordinal);
        _inferredEpochs += before._inferredEpochs;
        _last.FillFrom(beforeLast);
        _eta.Join(before._eta, renumber);
        _firstInPart = default;
        _inPart = false;
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
            _eta.See(origin, seconds, position, sink);
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
