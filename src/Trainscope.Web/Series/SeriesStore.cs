namespace Trainscope.Web.Series;

/// <summary>
/// A bounded multi-resolution copy of one followed series: every point while it has fewer than <see cref="Capacity"/>,
/// then buckets of 2, 4, 8 … consecutive points, each keeping its first x values, minimum, maximum, last value and
/// whether it held a NaN or infinity; once it is that long, the newest <see cref="Capacity"/> points are also kept one by
/// one, so zooming into the live end of a long run shows every point. Memory is at most 2 × <see cref="Capacity"/> × 56
/// bytes (7 MiB for the default 65,536) whatever the run's length; a series shorter than that uses 56 bytes a point.
/// </summary>
/// <remarks>Not thread-safe on its own: <see cref="RunSeriesStore"/> takes a lock around writes and queries.</remarks>
public sealed class SeriesStore
{
    /// <summary>The default bucket budget: full resolution up to 65,536 points.</summary>
    public const int DefaultCapacity = 1 << 16;

    private SeriesBucket[] _buckets;
    private int _count;
    private int _width = 1;
    private SeriesBucket _open;
    private int _openPoints;
    private SeriesBucket[]? _recent;
    private int _recentHead;

    public SeriesStore(int capacity = DefaultCapacity)
    {
        // An even, positive budget so halving always pairs buckets.
        Capacity = Math.Max(2, capacity & ~1);
        // Grown by doubling: a run's many short series (eval metrics, per-rank copies) stay small.
        _buckets = new SeriesBucket[Math.Min(Capacity, 64)];
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
        if (_recent is not null)
        {
            _recent[_recentHead] = point;
            _recentHead = (_recentHead + 1) % _recent.Length;
        }
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
        else if (_count == _buckets.Length)
        {
            Array.Resize(ref _buckets, Math.Min(Capacity, _buckets.Length * 2));
        }

        _buckets[_count++] = _open;
        _openPoints = 0;
    }

    /// <summary>
    /// Copies, in order, the finest buckets that cover x ≥ <paramref name="from"/> on <paramref name="axis"/>: the recent
    /// points one by one when they reach back that far (zooming into the live end), else the kept buckets. Returns the
    /// points per bucket of what was copied.
    /// </summary>
    public int CopyFrom(List<SeriesBucket> into, SeriesAxis axis, double from)
    {
        if (_recent is not null)
        {
            var oldest = _recent[_recentHead].X(axis);
            if (double.IsFinite(oldest) && oldest <= from)
            {
                into.EnsureCapacity(into.Count + _recent.Length);
                for (var i = 0; i < _recent.Length; i++)
                {
                    into.Add(_recent[(_recentHead + i) % _recent.Length]);
                }

                return 1;
            }
        }

        CopyTo(into);
        return _width;
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
        if (_recent is null)
        {
            // From now on the newest Capacity points are also kept one by one; they are exactly what the buckets hold now.
            _recent = new SeriesBucket[Capacity];
            Array.Copy(_buckets, _recent, Capacity);
            // The point being added is still open (widths are 1 until now): it replaces the oldest.
            _recent[0] = _open;
            _recentHead = 1;
        }

        for (var i = 0; i < _count / 2; i++)
        {
            _buckets[i] = SeriesBucket.Merge(_buckets[2 * i], _buckets[(2 * i) + 1]);
        }

        _count /= 2;
        _width *= 2;
        // The open bucket now holds fewer points than a bucket should; it keeps filling to the new width.
    }
}
