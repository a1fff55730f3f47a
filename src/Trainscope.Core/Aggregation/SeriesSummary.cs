using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainscope.Aggregation;

/// <summary>Streaming statistics of one series plus a bounded, downsampled copy of its points.</summary>
public sealed class SeriesSummary
{
    private readonly BoundedSeries _points;

    // Set on a series of a part read on its own: the part keeps every point, and statistics are folded when the part is
    // merged, in order, so the sums see the values in the order reading the file from its start gives.
    private readonly List<SeriesPoint>? _everyPoint;

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
    private SeriesPoint _firstNonFinite;

    public SeriesSummary(SeriesKey key, int pointCapacity = 4096)
    {
        Key = key;
        _points = new BoundedSeries(pointCapacity);
    }

    private SeriesSummary(SeriesKey key, List<SeriesPoint> everyPoint)
    {
        Key = key;
        _points = new BoundedSeries(0);
        _everyPoint = everyPoint;
    }

    /// <summary>
    /// A series of a part read on its own: it only keeps its points, in <paramref name="everyPoint"/> (empty; parts
    /// recycle their lists), for <see cref="Merge"/>.
    /// </summary>
    internal static SeriesSummary ForPart(SeriesKey key, List<SeriesPoint> everyPoint) => new(key, everyPoint);

    /// <summary>The list a part's series kept its points in, emptied for another series.</summary>
    internal List<SeriesPoint>? ReleasePoints()
    {
        _everyPoint?.Clear();
        return _everyPoint;
    }

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
        if (_everyPoint is not null)
        {
            _everyPoint.Add(point);
            Count++;
            return;
        }

        if (Count++ == 0)
        {
            _first = point;
        }

        _last = point;
        _points.Add(point);
        var value = point.Value;
        if (!double.IsFinite(value))
        {
            if (Count - FiniteCount == 1)
            {
                _firstNonFinite = point;
            }

            return;
        }

        if (FiniteCount++ == 0)
        {
            _shift = value;
            _min = point;
            _max = point;
            _minValue = value;
            _maxValue = value;
            return;
        }

        var d = value - _shift;
        _sum += d;
        _sumOfSquares += d * d;
        if (value < _minValue)
        {
            _min = point;
            _minValue = value;
        }
        else if (value > _maxValue)
        {
            _max = point;
            _maxValue = value;
        }
    }

    /// <summary>
    /// Folds in the points of a part's series (<see cref="ForPart"/>) as if they arrived now: their lines move by
    /// <paramref name="lines"/>, ordinal steps by the points already here.
    /// </summary>
    internal void Merge(SeriesSummary part, long lines)
    {
        var ordinals = Count;
        foreach (ref readonly var point in CollectionsMarshal.AsSpan(part._everyPoint))
        {
            Add(point.Moved(lines, ordinals));
        }
    }
}
