using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>The main sink: folds records into series statistics, epoch tables, progress, events and per-rank state.</summary>
public sealed class RunAggregator : IRecordSink
{
    /// <summary>Events kept per run; counts go on beyond it.</summary>
    public const int MaxEvents = 20_000;

    private readonly Dictionary<SeriesKey, SeriesSummary> _series = [];
    private readonly Dictionary<(int Epoch, Phase Phase), EpochSummary> _epochs = [];
    private readonly Dictionary<EventKind, long> _eventCounts = [];
    private readonly Dictionary<string, LogEvent> _info = new(StringComparer.Ordinal);
    private readonly RankTracker _ranks = new();
    private readonly List<LogEvent> _events = [];
    private readonly List<MetricSample> _finals = [];
    private readonly ProgressTracker _progress = new();
    private readonly int _pointCapacity;
    private SeriesKey _lastKey;
    private SeriesSummary? _lastSeries;

    public RunAggregator(int pointCapacity = 4096)
    {
        _pointCapacity = pointCapacity;
    }

    public void OnMetric(in MetricSample sample)
    {
        _progress.See(sample);
        _ranks.SeeRecord(sample.Rank, sample.Position);
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

        var series = SeriesFor(new SeriesKey(sample.Name, sample.Phase, sample.Rank), sample.Position);
        var position = sample.Position;
        long x = position.Step ?? (position.Epoch is int e && position.Iteration is null ? e : series.Count);
        series.Add(new SeriesPoint(x, sample.Value, sample.Average, position.Epoch, sample.Timestamp, sample.Source, sample.Line, sample.Offset));
        if (position.Epoch is int epoch)
        {
            var summary = Epoch(epoch, sample.Phase);
            summary.See(sample.Timestamp);
            if (sample.Name == "epoch_seconds")
            {
                summary.PrintedSeconds = sample.Value;
            }
            else
            {
                summary.Stat(sample.Name).Add(sample.Value);
            }
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
    };

    private SeriesSummary SeriesFor(SeriesKey key, in Position position)
    {
        // Consecutive samples of a line usually alternate between a few series; the common case is a dictionary hit.
        if (_lastSeries is not null && _lastKey == key)
        {
            return _lastSeries;
        }

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

        _lastKey = key;
        _lastSeries = series;
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
        if (!_epochs.TryGetValue((epoch, phase), out var summary))
        {
            summary = new EpochSummary(epoch, phase);
            _epochs[(epoch, phase)] = summary;
        }

        return summary;
    }
}
