using System.Collections.Concurrent;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>The main sink: folds records into series statistics, epoch tables, progress, events and per-rank state.</summary>
public sealed class RunAggregator : IMergingSink
{
    /// <summary>Events kept per run; counts go on beyond it.</summary>
    public const int MaxEvents = 20_000;

    /// <summary>Epochs (of all phases) kept in the epoch table; a job that calls every step an epoch must not grow it without end.</summary>
    public const int MaxEpochs = 50_000;

    private readonly SeriesTable _table;
    private readonly Dictionary<EventKind, long> _eventCounts = [];
    private readonly Dictionary<string, LogEvent> _info = new(StringComparer.Ordinal);
    private readonly RankTracker _ranks = new();
    private readonly List<LogEvent> _events = [];
    private readonly List<MetricSample> _finals = [];
    private readonly ProgressTracker _progress = new();
    private readonly ConcurrentBag<PartAggregate> _spareParts = [];
    private ValueLineRun _run = new();

    public RunAggregator(int pointCapacity = 4096)
    {
        _table = new SeriesTable(pointCapacity, MaxEpochs);
    }

    public void OnMetric(in MetricSample sample)
    {
        SeeValues(sample, 1);
        switch (sample.Kind)
        {
            case SampleKind.Point:
                _table.Add(sample);
                break;
            case SampleKind.EpochMean or SampleKind.EpochMin or SampleKind.EpochMax:
                _table.AddEpochSummary(sample);
                break;
        }
    }

    /// <summary>
    /// The values of one line: the line's progress and rank bookkeeping is done once per phase, and the table finds
    /// each value's series through the line's layout.
    /// </summary>
    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var sample = line;
        if (line.Kind != SampleKind.Point)
        {
            MetricValues.OneByOne(this, line, values);
            return;
        }

        _table.AddLine(line, values);
        foreach (var (phase, count) in new PhaseRuns(values))
        {
            sample.Phase = phase;
            SeeValues(sample, count);
        }
    }

    public void OnLine(in LineActivity activity) => _ranks.SeeLine(activity);

    public void OnEvent(LogEvent logEvent)
    {
        _progress.See(logEvent);
        _ranks.SeeEvent(logEvent);
        _eventCounts[logEvent.Kind] = _eventCounts.GetValueOrDefault(logEvent.Kind) + 1;
        if (logEvent.Kind == EventKind.RunInfo && logEvent.Name is { } name)
        {
            _info[name] = logEvent;
        }

        if (_events.Count < MaxEvents)
        {
            _events.Add(logEvent);
        }
    }

    /// <summary>A part to fold a stretch of a file into; merged parts are recycled (the only state shared with readers).</summary>
    public IRecordSink StartPart()
    {
        var part = _spareParts.TryTake(out var spare) ? spare : new PartAggregate();
        // Once the epoch table is full it stays so: a part begun then has its epochs dropped when merged, so it drops
        // them as it folds (the result is the same; only the cost differs).
        part.Table.Begin(dropEpochs: _table.IsFull);
        return part;
    }

    public void MergePart(IRecordSink part, long lines)
    {
        var folded = (PartAggregate)part;
        _table.Merge(folded.Table, folded.Heads, lines);
        folded.ReplayInto(this, lines);
        folded.Clear();
        _spareParts.Add(folded);
    }

    public RunSummary Build(string name, string path, IReadOnlyList<SourceSummary> sources) => new()
    {
        Name = name,
        Path = path,
        Sources = sources,
        Series = _table.Series.OrderBy(s => s.Key.Phase).ThenBy(s => s.Key.Rank ?? -1).ToArray(),
        Epochs = _table.Epochs.OrderBy(e => e.Epoch).ThenBy(e => e.Phase).ToArray(),
        Events = _events.ToArray(),
        EventCounts = new Dictionary<EventKind, long>(_eventCounts),
        Progress = _progress.Build(),
        Info = new Dictionary<string, LogEvent>(_info),
        Finals = _finals.ToArray(),
        Ranks = _ranks.Build(),
        EpochsNotKept = _table.EpochsNotKept,
    };

    /// <summary>
    /// The bookkeeping of <paramref name="count"/> values that share a line and phase (or one sample): progress, the
    /// rank's position and record count, finals. A line carries 20 or more values with one position, time and rank, so
    /// this is done once per line, not per value.
    /// </summary>
    private void SeeValues(in MetricSample sample, int count)
    {
        if (!_run.Begins(sample, sample.Line))
        {
            _ranks.CountRecords(sample.Rank, count);
            return;
        }

        _progress.See(sample);
        _ranks.SeeRecord(sample.Rank, sample.Position);
        _ranks.CountRecords(sample.Rank, count - 1);
        if (sample.Kind == SampleKind.Final)
        {
            _finals.Add(sample);
        }
    }

    /// <summary>A part's stretch of values between its events, its bookkeeping done where the part was read.</summary>
    internal void Absorb(ProgressTracker progress, RankRecords records)
    {
        _progress.Absorb(progress);
        _ranks.Absorb(records);
    }

    /// <summary>What a merged part leaves for the values after it: its finals and the line its last values were of.</summary>
    internal void EndPart(ReadOnlySpan<MetricSample> finals, in ValueLineRun run, long lineShift)
    {
        foreach (ref readonly var final in finals)
        {
            _finals.Add(final with { Line = final.Line + lineShift });
        }

        _run.CarryOn(run, lineShift);
    }
}
