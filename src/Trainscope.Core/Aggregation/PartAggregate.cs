using System.Runtime.InteropServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// What a part of a file read on its own folds for a run's aggregator: its values into a table of their own, and the
/// line-level bookkeeping (progress, ranks, events) as an ordered log, replayed when the part is merged. The values are
/// the costly side (20 and more a line), so their folding moves to the thread that read the part.
/// </summary>
internal sealed class PartAggregate : IRecordSink
{
    private const byte ValuesEntry = 0;
    private const byte EventEntry = 1;
    private const byte LineEntry = 2;
    private readonly List<byte> _order = [];
    private MetricSample[] _heads = new MetricSample[256];
    private int[] _counts = new int[256];
    private int _headCount;
    private readonly List<LogEvent> _events = [];
    private readonly List<LineActivity> _lines = [];

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

    public void OnEvent(LogEvent logEvent)
    {
        _order.Add(EventEntry);
        _events.Add(logEvent);
    }

    public void OnLine(in LineActivity activity)
    {
        // The aggregator follows the activity of ranked lines only (per-rank liveness).
        if (activity.Rank is not null)
        {
            _order.Add(LineEntry);
            _lines.Add(activity);
        }
    }

    /// <summary>Replays the line-level log into the aggregator, lines moved by <paramref name="lines"/>.</summary>
    /// <summary>The part's line heads (source, line, time, position), which its table's values point into.</summary>
    public ReadOnlySpan<MetricSample> Heads => _heads.AsSpan(0, _headCount);

    public void ReplayInto(RunAggregator aggregator, long lines)
    {
        var heads = Heads;
        var activities = CollectionsMarshal.AsSpan(_lines);
        int head = 0, eventIndex = 0, activity = 0;
        foreach (var entry in CollectionsMarshal.AsSpan(_order))
        {
            switch (entry)
            {
                case ValuesEntry:
                    aggregator.SeeValues(heads[head], _counts[head], lines);
                    head++;
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
    }

    /// <summary>Empties the part for another one; its lists keep their capacity, so parts read after it allocate nothing.</summary>
    public void Clear()
    {
        Table.Clear();
        _order.Clear();
        _headCount = 0;
        _events.Clear();
        _lines.Clear();
    }

    /// <summary>A line's values of one phase (or one single sample): what the aggregator's bookkeeping needs of them.</summary>
    private int Log(in MetricSample head, int count)
    {
        if (_headCount == _heads.Length)
        {
            Array.Resize(ref _heads, _headCount * 2);
            Array.Resize(ref _counts, _headCount * 2);
        }

        _order.Add(ValuesEntry);
        _heads[_headCount] = head;
        _counts[_headCount] = count;
        return _headCount++;
    }
}
