using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Web.Series;

/// <summary>The multi-resolution stores of one run's series, filled from the followed records; safe to query while filling.</summary>
public sealed class RunSeriesStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SeriesKey, int> _ids = [];
    private readonly List<(SeriesKey Key, SeriesStore Store)> _series = [];
    private readonly int _capacity;
    private SeriesKey _lastKey;
    private int _lastId = -1;

    public RunSeriesStore(int capacity = SeriesStore.DefaultCapacity)
    {
        _capacity = capacity;
    }

    /// <summary>Series known so far, by id (the id is the index and never changes).</summary>
    public IReadOnlyList<SeriesKey> Keys
    {
        get
        {
            lock (_lock)
            {
                return _series.ConvertAll(s => s.Key);
            }
        }
    }

    /// <summary>Stores one sample the way aggregation places it on the x axis (step, else epoch, else ordinal).</summary>
    public void Add(in MetricSample sample)
    {
        if (sample.Kind is SampleKind.Final or SampleKind.EpochMean or SampleKind.EpochMin or SampleKind.EpochMax || sample.Name is null)
        {
            return;
        }

        var key = new SeriesKey(sample.Name, sample.Phase, sample.Rank);
        var position = sample.Position;
        var epoch = position.EpochFraction ?? (position.Epoch is int e ? e : double.NaN);
        var time = sample.Timestamp is { } t ? (t - DateTime.UnixEpoch).TotalSeconds : double.NaN;
        lock (_lock)
        {
            // Consecutive samples usually belong to the same series: skip the dictionary then.
            var id = _lastId >= 0 && key == _lastKey ? _lastId : IdOf(key);
            _lastKey = key;
            _lastId = id;
            var store = _series[id].Store;
            double step = position.Step ?? (position.Epoch is int epochOnly && position.Iteration is null ? epochOnly : store.Count);
            store.Add(step, epoch, time, sample.Value);
        }
    }

    /// <summary>Points seen per series, by id.</summary>
    public long[] Counts()
    {
        lock (_lock)
        {
            return _series.ConvertAll(s => s.Store.Count).ToArray();
        }
    }

    public SeriesBucket? Last(int id)
    {
        lock (_lock)
        {
            return id >= 0 && id < _series.Count ? _series[id].Store.Last : null;
        }
    }

    /// <summary>The series' window over [from, to] on an axis, reduced to about <paramref name="points"/> pixels; null for an unknown id.</summary>
    public SeriesWindow? Window(int id, SeriesAxis axis, double from, double to, int points)
    {
        var buckets = new List<SeriesBucket>();
        long total;
        int resolution;
        lock (_lock)
        {
            if (id < 0 || id >= _series.Count)
            {
                return null;
            }

            var store = _series[id].Store;
            resolution = store.CopyFrom(buckets, axis, from);
            total = store.Count;
        }

        return SeriesDownsampler.Window(buckets, axis, from, to, points, total, resolution);
    }

    private int IdOf(SeriesKey key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _series.Count;
            _series.Add((key, new SeriesStore(_capacity)));
            _ids[key] = id;
        }

        return id;
    }
}
