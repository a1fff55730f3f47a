using System.Runtime.CompilerServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>The main sink: folds records into series statistics, epoch tables, progress, events and per-rank state.</summary>
public sealed class RunAggregator : IRecordSink
{
    /// <summary>Events kept per run; counts go on beyond it.</summary>
    public const int MaxEvents = 20_000;

    private const int SlotCount = 256;
    private const int LayoutCount = 8;

    /// <summary>Epochs (of all phases) kept in the epoch table; a job that calls every step an epoch must not grow it without end.</summary>
    public const int MaxEpochs = 50_000;

    private readonly Dictionary<SeriesKey, SeriesSummary> _series = [];
    private readonly Dictionary<(int Epoch, Phase Phase), EpochSummary> _epochs = [];
    private readonly Dictionary<EventKind, long> _eventCounts = [];
    private readonly Dictionary<string, LogEvent> _info = new(StringComparer.Ordinal);
    private readonly RankTracker _ranks = new();
    private readonly List<LogEvent> _events = [];
    private readonly List<MetricSample> _finals = [];
    private readonly ProgressTracker _progress = new();
    private readonly int _pointCapacity;
    private readonly SeriesSlot[] _slots = new SeriesSlot[SlotCount];
    private readonly SeriesSlot[]?[] _layouts = new SeriesSlot[LayoutCount][];
    private long _epochsNotKept;
    private EpochSummary? _notKept;
    private (int Epoch, Phase Phase) _lastDropped = (int.MinValue, Phase.Train);
    private long _lastLine = -1;
    private SourceInfo? _lastSource;
    private Phase _lastPhase;
    private int? _lastRank;

    public RunAggregator(int pointCapacity = 4096)
    {
        _pointCapacity = pointCapacity;
    }

    public void OnMetric(in MetricSample sample)
    {
        var sameLine = SeeLineOf(sample);
        switch (sample.Kind)
        {
            case SampleKind.Final:
                _finals.Add(sample);
                return;
            case SampleKind.EpochMean:
            case SampleKind.EpochMin:
            case SampleKind.EpochMax:
                AddEpochSummary(sample);
                return;
        }

        AddValue(ref Slot(sample.Name, sample.Phase, sample.Rank, sample.Position), sample, sample.Value, sample.Average, sameLine);
    }

    /// <summary>
    /// The values of one line: the line's progress and rank bookkeeping is done once, and the series of each value
    /// position are remembered per line layout, so a line shaped like an earlier one finds its series by comparing
    /// name references instead of hashing names.
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
            foreach (ref readonly var value in values)
            {
                (sample.Name, sample.Phase, sample.Value, sample.Average) = (value.Name, value.Phase, value.Value, value.Average);
                OnMetric(sample);
            }

            return;
        }

        var layout = Layout(values);
        for (var i = 0; i < values.Length; i++)
        {
            ref readonly var value = ref values[i];
            bool sameLine;
            if (i > 0 && value.Phase == sample.Phase)
            {
                sameLine = true;
                _ranks.CountRecord(sample.Rank);
            }
            else
            {
                sample.Phase = value.Phase;
                sameLine = SeeLineOf(sample);
            }

            ref var slot = ref layout[i];
            if (!ReferenceEquals(slot.Name, value.Name) || slot.Phase != value.Phase || slot.Rank != sample.Rank)
            {
                slot = NewSlot(value.Name, value.Phase, sample.Rank, sample.Position);
            }

            AddValue(ref slot, sample, value.Value, value.Average, sameLine);
        }
    }

    /// <summary>Line-level bookkeeping (progress, rank position) for a line's first value; true when it was already done.</summary>
    private bool SeeLineOf(in MetricSample sample)
    {
        // A line carries 20 or more values with one position, time and rank: progress and rank bookkeeping is done for
        // its first value only (the main path's cost is per value, so this is most of the aggregator's work).
        var sameLine = sample.Line == _lastLine && ReferenceEquals(sample.Source, _lastSource) && sample.Kind == SampleKind.Point
            && sample.Phase == _lastPhase && sample.Rank == _lastRank;
        if (sameLine)
        {
            _ranks.CountRecord(sample.Rank);
            return true;
        }

        _progress.See(sample);
        _ranks.SeeRecord(sample.Rank, sample.Position);
        (_lastLine, _lastSource, _lastPhase, _lastRank) = (sample.Line, sample.Source, sample.Phase, sample.Rank);
        if (sample.Kind != SampleKind.Point)
        {
            _lastSource = null;
        }

        return false;
    }

    private void AddValue(ref SeriesSlot slot, in MetricSample line, double value, double? average, bool sameLine)
    {
        var series = slot.Series!;
        ref readonly var position = ref line.Position;
        long x = position.Step ?? (position.Epoch is int e && position.Iteration is null ? e : series.Count);
        series.Add(new SeriesPoint(x, value, average, position.Epoch, line.Timestamp, line.Source, line.Line, line.Offset));
        if (position.Epoch is not int epoch)
        {
            return;
        }

        if (slot.EpochSummary is not { } summary || slot.Epoch != epoch)
        {
            summary = Epoch(epoch, slot.Phase);
            slot.Epoch = epoch;
            slot.EpochSummary = summary;
            slot.Stat = slot.IsEpochSeconds ? null : summary.Stat(slot.Name!);
        }

        if (!sameLine)
        {
            summary.See(line.Timestamp);
        }

        if (slot.Stat is null)
        {
            summary.PrintedSeconds = value;
        }
        else
        {
            slot.Stat.Add(value);
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

    public RunSummary Build(string name, string path, IReadOnlyList<SourceSummary> sources) => new()
    {
        Name = name,
        Path = path,
        Sources = sources,
        Series = _series.Values.OrderBy(s => s.Key.Phase).ThenBy(s => s.Key.Rank ?? -1).ToArray(),
        Epochs = _epochs.Values.OrderBy(e => e.Epoch).ThenBy(e => e.Phase).ToArray(),
        Events = _events.ToArray(),
        EventCounts = new Dictionary<EventKind, long>(_eventCounts),
        Progress = _progress.Build(),
        Info = new Dictionary<string, LogEvent>(_info),
        Finals = _finals.ToArray(),
        Ranks = _ranks.Build(),
        EpochsNotKept = _epochsNotKept,
    };

    /// <summary>
    /// The cache slot of a series. Parsers intern names, so the same name usually arrives as the same string: a slot
    /// chosen by the string's identity answers with a reference compare instead of hashing the name twice (series and
    /// epoch stat). A miss falls back to the dictionaries, which stay the truth, so equal names in different string
    /// instances still share one series.
    /// </summary>
    private ref SeriesSlot Slot(string name, Phase phase, int? rank, in Position position)
    {
        var index = (RuntimeHelpers.GetHashCode(name) ^ ((int)phase * 7919) ^ ((rank ?? -1) * 104729)) & (SlotCount - 1);
        ref var slot = ref _slots[index];
        if (!ReferenceEquals(slot.Name, name) || slot.Phase != phase || slot.Rank != rank)
        {
            slot = NewSlot(name, phase, rank, position);
        }

        return ref slot;
    }

    private SeriesSlot NewSlot(string name, Phase phase, int? rank, in Position position) => new()
    {
        Name = name,
        Phase = phase,
        Rank = rank,
        IsEpochSeconds = name == "epoch_seconds",
        Series = SeriesFor(new SeriesKey(name, phase, rank), position),
    };

    /// <summary>The per-position slots of lines shaped like this one (chosen by first name and value count).</summary>
    private SeriesSlot[] Layout(ReadOnlySpan<MetricValue> values)
    {
        var index = (RuntimeHelpers.GetHashCode(values[0].Name) ^ values.Length) & (LayoutCount - 1);
        ref var layout = ref _layouts[index];
        if (layout is null || layout.Length < values.Length)
        {
            layout = new SeriesSlot[Math.Max(values.Length, 16)];
        }

        return layout;
    }

    private SeriesSummary SeriesFor(SeriesKey key, in Position position)
    {
        if (!_series.TryGetValue(key, out var series))
        {
            series = new SeriesSummary(key, _pointCapacity)
            {
                Axis = position.Step is not null ? AxisKind.Step
                    : position.Epoch is not null && position.Iteration is null ? AxisKind.Epoch
                    : AxisKind.Index,
            };
            _series[key] = series;
        }

        return series;
    }

    private void AddEpochSummary(in MetricSample sample)
    {
        if (sample.Position.Epoch is not int epoch)
        {
            return;
        }

        var summary = Epoch(epoch, sample.Phase);
        summary.See(sample.Timestamp);
        var stat = summary.Stat(sample.Name);
        switch (sample.Kind)
        {
            case SampleKind.EpochMean:
                stat.PrintedMean = sample.Average ?? sample.Value;
                break;
            case SampleKind.EpochMin:
                stat.PrintedMin = sample.Value;
                break;
            case SampleKind.EpochMax:
                stat.PrintedMax = sample.Value;
                break;
        }
    }

    private EpochSummary Epoch(int epoch, Phase phase)
    {
        if (_epochs.TryGetValue((epoch, phase), out var summary))
        {
            return summary;
        }

        if (_epochs.Count < MaxEpochs)
        {
            summary = new EpochSummary(epoch, phase);
            _epochs[(epoch, phase)] = summary;
            return summary;
        }

        if (_lastDropped != (epoch, phase))
        {
            _lastDropped = (epoch, phase);
            _epochsNotKept++;
        }

        // Past the limit the epoch is folded into a summary that is never reported (its caller may cache it), so a
        // log that calls every record an epoch allocates nothing per record from here on; series go on.
        return _notKept ??= new EpochSummary(-1, Phase.Train);
    }

    /// <summary>A cached series and the epoch stat it last fed.</summary>
    private struct SeriesSlot
    {
        public string? Name;
        public Phase Phase;
        public int? Rank;
        public SeriesSummary? Series;
        public int Epoch;
        public EpochSummary? EpochSummary;
        public EpochStat? Stat;
        public bool IsEpochSeconds;
    }
}
