using System.Runtime.InteropServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// What a part of a file read on its own folds for a run's aggregator: its values into a table of their own, the
/// progress and record counts of its values folded per stretch between events, and the events and ranked lines as an
/// ordered log, replayed when the part is merged. Both folds happen on the thread that read the part; the merge takes a
/// stretch in one step instead of a line at a time.
/// </summary>
internal sealed class PartAggregate : IRecordSink
{
    private const byte StretchEntry = 0;
    private const byte EventEntry = 1;
    private const byte LineEntry = 2;
    private readonly List<byte> _order = [];
    private PartHead[] _heads = new PartHead[256];
    private int _headCount;
    private readonly List<LogEvent> _events = [];
    private readonly List<LineActivity> _lines = [];
    private readonly List<MetricSample> _finals = [];
    private readonly List<Stretch> _stretches = [];
    private int _stretchCount;
    private Stretch? _open;
    private ValueLineRun _run = new();

    public SeriesTable Table { get; } = SeriesTable.ForPart();

    public void OnMetric(in MetricSample sample)
    {
        var head = Log(sample, 1);
        switch (sample.Kind)
        {
            case SampleKind.Point:
                Table.Add(sample, head);
                break;
            case SampleKind.EpochMean or SampleKind.EpochMin or SampleKind.EpochMax:
                Table.AddEpochSummary(sample);
                break;
        }
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        if (line.Kind != SampleKind.Point)
        {
            // Epoch summaries and finals arrive as lines too; they are taken value by value.
            MetricValues.OneByOne(this, line, values);
            return;
        }

        // The line's first head stands for all of it in the table: heads of one line differ in phase alone.
        var first = _headCount;
        var head = line;
        foreach (var (phase, count) in new PhaseRuns(values))
        {
            head.Phase = phase;
            Log(head, count);
        }

        Table.AddLine(line, values, first);
    }

    public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row)
    {
        if (line.Kind != SampleKind.Point)
        {
            OnMetrics(line, layout.ToValues(row));
            return;
        }

        var first = _headCount;
        var head = line;
        foreach (var (phase, count) in layout.PhaseRuns)
        {
            head.Phase = phase;
            Log(head, count);
        }

        Table.AddPartRow(line, layout, row, first);
    }

    public void OnEvent(LogEvent logEvent)
    {
        // An event moves progress and a rank's position itself, so the values after it are a stretch of their own.
        _open = null;
        _order.Add(EventEntry);
        _events.Add(logEvent);
    }

    public void OnLine(in LineActivity activity)
    {
        // The aggregator follows the activity of ranked lines only (per-rank liveness), which no values change.
        if (activity.Rank is not null)
        {
            _order.Add(LineEntry);
            _lines.Add(activity);
        }
    }

    /// <summary>The part's line heads (source, line, time, position), which its table's values point into.</summary>
    public ReadOnlySpan<PartHead> Heads => _heads.AsSpan(0, _headCount);

    /// <summary>Replays the part's log into the aggregator, lines moved by <paramref name="lines"/>.</summary>
    public void ReplayInto(RunAggregator aggregator, long lines)
    {
        var activities = CollectionsMarshal.AsSpan(_lines);
        int stretch = 0, eventIndex = 0, activity = 0;
        foreach (var entry in CollectionsMarshal.AsSpan(_order))
        {
            switch (entry)
            {
                case StretchEntry:
                    var taken = _stretches[stretch++];
                    aggregator.Absorb(taken.Progress, taken.Records);
                    break;
                case EventEntry:
                    var logEvent = _events[eventIndex++];
                    aggregator.OnEvent(lines == 0 ? logEvent : logEvent.WithLine(logEvent.Line + lines));
                    break;
                default:
                    ref readonly var seen = ref activities[activity++];
                    aggregator.OnLine(seen with { Line = seen.Line + lines });
                    break;
            }
        }

        aggregator.EndPart(CollectionsMarshal.AsSpan(_finals), _run, lines);
    }

    /// <summary>Empties the part for another one; its lists keep their capacity, so parts read after it allocate nothing.</summary>
    public void Clear()
    {
        Table.Clear();
        _order.Clear();
        _headCount = 0;
        _events.Clear();
        _lines.Clear();
        _finals.Clear();
        _stretchCount = 0;
        _open = null;
        _run = new();
    }

    /// <summary>
    /// A line's values of one phase (or one single sample): kept as a head for the table's points, and seen by the open
    /// stretch's progress and record counts the way the aggregator would see them.
    /// </summary>
    private int Log(in MetricSample head, int count)
    {
        if (_headCount == _heads.Length)
        {
            Array.Resize(ref _heads, _headCount * 2);
        }

        _heads[_headCount] = new PartHead(head);
        var open = _open ?? OpenStretch();
        if (!_run.Begins(head, head.Line))
        {
            open.Records.CountRecords(head.Rank, count);
        }
        else
        {
            open.Progress.See(head);
            open.Records.SeeRecord(head.Rank, head.Position);
            open.Records.CountRecords(head.Rank, count - 1);
            if (head.Kind == SampleKind.Final)
            {
                _finals.Add(head);
            }
        }

        return _headCount++;
    }

    private Stretch OpenStretch()
    {
        if (_stretchCount == _stretches.Count)
        {
            _stretches.Add(new Stretch());
        }

        var stretch = _stretches[_stretchCount++];
        stretch.Progress.Clear();
        stretch.Records.Clear();
        _order.Add(StretchEntry);
        _open = stretch;
        return stretch;
    }

    /// <summary>The progress and record counts of a part's values between two of its events.</summary>
    private sealed class Stretch
    {
        public ProgressTracker Progress { get; } = new();

        public RankRecords Records { get; } = new();
    }
}
