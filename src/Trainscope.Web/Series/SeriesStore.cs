namespace Trainscope.Web.Series;

/// <summary>
/// A bounded multi-resolution copy of one followed series: every point while it has fewer than <see cref="Capacity"/>,
/// then buckets of 2, 4, 8 … consecutive points, each keeping its first x values, minimum, maximum, last value and
/// whether it held a NaN or infinity. Memory is fixed at <see cref="Capacity"/> buckets × 64 bytes (4 MiB for the
/// default 65,536) whatever the run's length, and any range is served at the finest resolution it was kept at.
/// </summary>
/// <remarks>Not thread-safe on its own: <see cref="RunSeriesStore"/> takes a lock around writes and queries.</remarks>
public sealed class SeriesStore
{
    /// <summary>The default bucket budget: full resolution up to 65,536 points.</summary>
    public const int DefaultCapacity = 1 << 16;

    private readonly SeriesBucket[] _buckets;
    private int _count;
    private int _width = 1;
    private SeriesBucket _open;
    private int _openPoints;

    public SeriesStore(int capacity = DefaultCapacity)
    {
        // An even, positive budget so halving always pairs buckets.
        Capacity = Math.Max(2, capacity & ~1);
        _buckets = new SeriesBucket[Capacity];
    }

    public int Capacity { get; }

    /// <summary>Points seen.</summary>
    public long Count { get; private set; }

    /// <summary>Points per kept bucket (1 while the series is kept at full resolution).</summary>
    public int Width => _width;

    /// <summary>The newest point, for live updates.</summary>
    public SeriesBucket? Last { get; private set; }

    public void Add(double step, double epoch, double time, double value)
    {
        var point = SeriesBucket.Of(step, epoch, time, value);
        Count++;
        Last = point;
        if (_openPoints == 0)
        {
            _open = point;
        }
        else
        {
            _open = SeriesBucket.Merge(_open, point);
        }

        if (++_openPoints < _width)
        {
            return;
        }

        if (_count == Capacity)
        {
            Halve();
        }

        _buckets[_count++] = _open;
        _openPoints = 0;
    }

    /// <summary>Copies the kept buckets (and the one still filling) to <paramref name="into"/>, in order.</summary>
    public void CopyTo(List<SeriesBucket> into)
    {
        into.EnsureCapacity(into.Count + _count + 1);
        for (var i = 0; i < _count; i++)
        {
            into.Add(_buckets[i]);
        }

        if (_openPoints > 0)
        {
            into.Add(_open);
        }
    }

    /// <summary>Merges neighbours pairwise: half the buckets, each twice as wide.</summary>
    private void Halve()
    {
        for (var i = 0; i < _count / 2; i++)
        {
            _buckets[i] = SeriesBucket.Merge(_buckets[2 * i], _buckets[(2 * i) + 1]);
        }

        _count /= 2;
        _width *= 2;
        // The open bucket now holds fewer points than a bucket should; it keeps filling to the new width.
    }
}
