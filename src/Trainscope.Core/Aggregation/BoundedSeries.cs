using System.Runtime.CompilerServices;

namespace Trainscope.Aggregation;

/// <summary>
/// Keeps at most about <c>capacity</c> points of a series of any length: when full, every four neighbouring points
/// become their minimum and maximum, and new points are bucketed at the coarser rate from then on. Extremes (spikes,
/// dips) and non-finite markers survive; memory does not grow with the log.
/// </summary>
public sealed class BoundedSeries
{
    private const int MaxNonFiniteKept = 256;
    private readonly int _capacity;
    private readonly List<SeriesPoint> _points;
    private int _bucketSize = 1;
    private int _bucketCount;
    private SeriesPoint _bucketMin;
    private SeriesPoint _bucketMax;
    private double _bucketMinValue;
    private double _bucketMaxValue;

    // The open bucket's extremes as indexes into the source being added from, until Settle.
    private PendingExtremes _pending = new();
    private int _nonFiniteKept;

    public BoundedSeries(int capacity = 4096)
    {
        _capacity = Math.Max(16, capacity);
        _points = new List<SeriesPoint>(Math.Min(_capacity, 256));
    }

    /// <summary>True once points were merged (the kept points are then a min/max envelope).</summary>
    public bool IsDownsampled => _bucketSize > 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in SeriesPoint point)
    {
        var source = new OnePoint(in point);
        Add(point.Value, source, 0);
        Settle(source);
    }

    /// <summary>
    /// Adds a value whose point <paramref name="source"/> builds, only if it is kept. The open bucket's extremes may stay
    /// indexes into the source: call <see cref="Settle"/> with it before the source goes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add<TSource>(double value, in TSource source, int index)
        where TSource : IPointSource, allows ref struct
    {
        if (!double.IsFinite(value))
        {
            if (_nonFiniteKept < MaxNonFiniteKept)
            {
                Settle(source);
                FlushBucket();
                _points.Add(source.Point(index));
                _nonFiniteKept++;
                CompactIfFull();
            }

            return;
        }

        if (_bucketSize == 1)
        {
            _points.Add(source.Point(index));
            CompactIfFull();
            return;
        }

        if (_bucketCount == 0)
        {
            (_pending.Min, _pending.Max) = (index, index);
            (_bucketMinValue, _bucketMaxValue) = (value, value);
        }
        else if (value < _bucketMinValue)
        {
            (_pending.Min, _bucketMinValue) = (index, value);
        }
        else if (value > _bucketMaxValue)
        {
            (_pending.Max, _bucketMaxValue) = (index, value);
        }

        if (++_bucketCount >= _bucketSize)
        {
            Settle(source);
            FlushBucket();
            CompactIfFull();
        }
    }

    /// <summary>Makes the open bucket's extremes found in <paramref name="source"/> points, before the source goes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Settle<TSource>(in TSource source)
        where TSource : IPointSource, allows ref struct
        => _pending.Settle(source, ref _bucketMin, ref _bucketMax);

    /// <summary>Whether new values go into buckets (the points were compacted once): a merge may then fold runs of them.</summary>
    internal bool IsBucketing => _bucketSize > 1;

    /// <summary>How many more values the open bucket takes before it closes.</summary>
    internal int Room => _bucketSize - _bucketCount;

    /// <summary>
    /// The open bucket's extremes and their pending indexes, for adding a run of finite values elsewhere (see
    /// <see cref="AddedToBucket"/>). An empty bucket reads as +∞ and −∞, so its first value becomes both, as in <see cref="Add"/>.
    /// </summary>
    internal void OpenBucket(out double min, out double max, out int minIndex, out int maxIndex)
        => (min, max, minIndex, maxIndex) = _bucketCount == 0
            ? (double.PositiveInfinity, double.NegativeInfinity, -1, -1)
            : (_bucketMinValue, _bucketMaxValue, _pending.Min, _pending.Max);

    /// <summary>
    /// Takes back the open bucket after <paramref name="count"/> finite values (no more than <see cref="Room"/>) were
    /// added to what <see cref="OpenBucket"/> gave, and closes it if full, as adding them one by one would have.
    /// </summary>
    internal void AddedToBucket<TSource>(int count, double min, double max, int minIndex, int maxIndex, in TSource source)
        where TSource : IPointSource, allows ref struct
    {
        (_bucketMinValue, _bucketMaxValue, _pending.Min, _pending.Max) = (min, max, minIndex, maxIndex);
        _bucketCount += count;
        if (_bucketCount >= _bucketSize)
        {
            Settle(source);
            FlushBucket();
            CompactIfFull();
        }
    }

    /// <summary>
    /// The kept points in order, including a partly filled last bucket: a new array the caller owns. Built in one copy,
    /// since thousands of points are a large-object-heap array, which the doctor would otherwise allocate several of.
    /// </summary>
    public SeriesPoint[] Snapshot()
    {
        if (_bucketCount == 0)
        {
            return _points.ToArray();
        }

        var (first, second) = _bucketMin.Step <= _bucketMax.Step ? (_bucketMin, _bucketMax) : (_bucketMax, _bucketMin);
        var extra = second != first ? 2 : 1;
        var copy = new SeriesPoint[_points.Count + extra];
        _points.CopyTo(copy);
        copy[_points.Count] = first;
        if (extra == 2)
        {
            copy[^1] = second;
        }

        return copy;
    }

    private void FlushBucket()
    {
        if (_bucketCount == 0)
        {
            return;
        }

        AppendMinMax(_points, _bucketMin, _bucketMax);
        _bucketCount = 0;
    }

    private void CompactIfFull()
    {
        if (_points.Count < _capacity)
        {
            return;
        }

        var write = 0;
        var nonFinite = 0;
        for (var start = 0; start < _points.Count; start += 4)
        {
            var end = Math.Min(start + 4, _points.Count);
            SeriesPoint? min = null;
            SeriesPoint? max = null;
            for (var i = start; i < end; i++)
            {
                var p = _points[i];
                if (!double.IsFinite(p.Value))
                {
                    // Flush what precedes the marker so order is kept, then keep the marker itself.
                    write = WriteMinMax(write, ref min, ref max);
                    _points[write++] = p;
                    nonFinite++;
                    continue;
                }

                if (min is null || p.Value < min.Value.Value)
                {
                    min = p;
                }

                if (max is null || p.Value > max.Value.Value)
                {
                    max = p;
                }
            }

            write = WriteMinMax(write, ref min, ref max);
        }

        _points.RemoveRange(write, _points.Count - write);
        _nonFiniteKept = nonFinite;
        _bucketSize *= 2;
    }

    private int WriteMinMax(int write, ref SeriesPoint? min, ref SeriesPoint? max)
    {
        if (min is { } a && max is { } b)
        {
            var (first, second) = a.Step <= b.Step ? (a, b) : (b, a);
            _points[write++] = first;
            if (second != first)
            {
                _points[write++] = second;
            }
        }

        min = null;
        max = null;
        return write;
    }

    private static void AppendMinMax(List<SeriesPoint> target, SeriesPoint min, SeriesPoint max)
    {
        var (first, second) = min.Step <= max.Step ? (min, max) : (max, min);
        target.Add(first);
        if (second != first)
        {
            target.Add(second);
        }
    }
}
