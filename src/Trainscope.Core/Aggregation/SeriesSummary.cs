using System.Runtime.CompilerServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Streaming statistics of one series plus a bounded, downsampled copy of its points.</summary>
public sealed partial class SeriesSummary
{
    private readonly BoundedSeries _points;

    // Sums of the values less the first finite one: as stable as Welford's update for training metrics (whose spread is
    // not tiny beside their size) without a division per value.
    private double _shift;
    private double _sum;
    private double _sumOfSquares;
    private double _minValue;
    private double _maxValue;
    private SeriesPoint _first;
    private SeriesPoint _last;
    private SeriesPoint _min;
    private SeriesPoint _max;

    // A new minimum or maximum found while adding from a source, as an index into it: a steadily falling series (a
    // decaying learning rate) has one on every value, and only the last of a merge needs to become a point.
    private PendingExtremes _pending = new();
    private SeriesPoint _firstNonFinite;

    public SeriesSummary(SeriesKey key, int pointCapacity = 4096)
    {
        Key = key;
        _points = new BoundedSeries(pointCapacity);
    }

    private SeriesSummary(SeriesKey key)
    {
        Key = key;
        _points = new BoundedSeries(0);
    }

    /// <summary>
    /// A series of a part read on its own: its values stay in the part's blocks (<see cref="PartBlock"/>), and it
    /// only names them, for <see cref="MergeLanes"/>.
    /// </summary>
    internal static SeriesSummary ForPart(SeriesKey key) => new(key);

    /// <summary>The run's series a part's series merges into, found once per merge.</summary>
    internal SeriesSummary? MergeTarget { get; set; }

    public SeriesKey Key { get; }
    public string Name => Key.Name;
    public long Count { get; private set; }
    public long FiniteCount { get; private set; }
    public long NonFiniteCount => Count - FiniteCount;
    public SeriesPoint? First => Count > 0 ? _first : null;
    public SeriesPoint? Last => Count > 0 ? _last : null;
    public SeriesPoint? Min => FiniteCount > 0 ? _min : null;
    public SeriesPoint? Max => FiniteCount > 0 ? _max : null;
    public SeriesPoint? FirstNonFinite => NonFiniteCount > 0 ? _firstNonFinite : null;
    public AxisKind Axis { get; internal set; } = AxisKind.Step;

    /// <summary>Mean of the finite values.</summary>
    public double? Mean => FiniteCount > 0 ? _shift + _sum / FiniteCount : null;

    /// <summary>Sample standard deviation of the finite values.</summary>
    public double? StandardDeviation
        => FiniteCount > 1 ? Math.Sqrt(Math.Max(0, (_sumOfSquares - _sum * _sum / FiniteCount) / (FiniteCount - 1))) : null;

    public bool IsDownsampled => _points.IsDownsampled;

    /// <summary>The kept points in arrival order (all of them for short series, a min/max envelope for long ones).</summary>
    public IReadOnlyList<SeriesPoint> Points() => _points.Snapshot();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in SeriesPoint point)
    {
        _last = point;
        var source = new OnePoint(in point);
        Add(point.Value, source, 0);
        Settle(source);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add<TSource>(double value, in TSource source, int index)
        where TSource : IPointSource, allows ref struct
    {
        if (Count++ == 0)
        {
            _first = source.Point(index);
        }

        _points.Add(value, source, index);
        if (!double.IsFinite(value))
        {
            if (Count - FiniteCount == 1)
            {
                _firstNonFinite = source.Point(index);
            }

            return;
        }

        if (FiniteCount++ == 0)
        {
            _shift = value;
            (_pending.Min, _pending.Max) = (index, index);
            _minValue = value;
            _maxValue = value;
            return;
        }

        var d = value - _shift;
        _sum += d;
        _sumOfSquares += d * d;
        if (value < _minValue)
        {
            _pending.Min = index;
            _minValue = value;
        }
        else if (value > _maxValue)
        {
            _pending.Max = index;
            _maxValue = value;
        }
    }

    /// <summary>Makes what was found in <paramref name="source"/> and is kept as an index (extremes) points, before the source goes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Settle<TSource>(in TSource source)
        where TSource : IPointSource, allows ref struct
    {
        _points.Settle(source);
        _pending.Settle(source, ref _min, ref _max);
    }

    /// <summary>A column of a part's block as points of this series: lines moved, ordinal steps after the points here.</summary>
    private readonly ref struct BlockValues(PartBlock block, int column, ReadOnlySpan<PartHead> heads, long lines, long ordinals) : IPointSource
    {
        private readonly ReadOnlySpan<PartHead> _heads = heads;

        public SeriesPoint Point(int index)
        {
            var step = _heads[block.Head(index)].AxisPosition(ordinals + index);
            return block.Point(index, column, step, _heads, lines);
        }
    }
}
