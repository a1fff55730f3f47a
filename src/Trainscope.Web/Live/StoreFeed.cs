using Trainscope.Following;
using Trainscope.Records;
using Trainscope.Web.Series;

namespace Trainscope.Web.Live;

/// <summary>Routes each followed sample to the store of the run its source belongs to.</summary>
internal sealed class StoreFeed : IFollowSink
{
    private readonly int _capacity;
    private readonly Dictionary<SourceInfo, RunSeriesStore> _bySource = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FollowedRun, RunSeriesStore> _byRun = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private SourceInfo? _lastSource;
    private RunSeriesStore? _lastStore;

    public StoreFeed(int capacity)
    {
        _capacity = capacity;
    }

    public Func<IReadOnlyList<FollowedRun>> Runs { get; set; } = () => [];

    public RunSeriesStore StoreOf(FollowedRun run)
    {
        lock (_lock)
        {
            if (!_byRun.TryGetValue(run, out var store))
            {
                store = new RunSeriesStore(_capacity);
                _byRun[run] = store;
            }

            return store;
        }
    }

    public void OnMetric(in MetricSample sample)
    {
        if (sample.Source is null)
        {
            return;
        }

        if (!ReferenceEquals(sample.Source, _lastSource))
        {
            _lastStore = Lookup(sample.Source);
            _lastSource = sample.Source;
        }

        _lastStore?.Add(sample);
    }

    public void OnEvent(LogEvent logEvent)
    {
    }

    private RunSeriesStore? Lookup(SourceInfo source)
    {
        if (_bySource.TryGetValue(source, out var store))
        {
            return store;
        }

        foreach (var run in Runs())
        {
            foreach (var tail in run.Tails)
            {
                _bySource[tail.Source] = StoreOf(run);
            }
        }

        return _bySource.GetValueOrDefault(source);
    }
}
