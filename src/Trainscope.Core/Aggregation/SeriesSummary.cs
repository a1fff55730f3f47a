namespace Trainscope.Aggregation;

/// <summary>Streaming statistics of one series plus a bounded, downsampled copy of its points.</summary>
public sealed class SeriesSummary
{
    private readonly BoundedSeries _points;
    private double _mean;
    private double _m2;
    private double _minValue;
    private double _maxValue;

    public SeriesSummary(SeriesKey key, int pointCapacity = 4096)
    {
        Key = key;
        _points = new BoundedSeries(pointCapacity);
    }

    public SeriesKey Key { get; }
    public string Name => Key.Name;
    public long Count { get; private set; }
    public long FiniteCount { get; private set; }
    public long NonFiniteCount => Count - FiniteCount;
    public SeriesPoint? First { get; private set; }
    public SeriesPoint? Last { get; private set; }
    public SeriesPoint? Min { get; private set; }
    public SeriesPoint? Max { get; private set; }
    public SeriesPoint? FirstNonFinite { get; private set; }
    public AxisKind Axis { get; internal set; } = AxisKind.Step;

    /// <summary>Mean of the finite values.</summary>
    public double? Mean => FiniteCount > 0 ? _mean : null;

    /// <summary>Sample standard deviation of the finite values.</summary>
    public double? StandardDeviation => FiniteCount > 1 ? Math.Sqrt(_m2 / (FiniteCount - 1)) : null;

    public bool IsDownsampled => _points.IsDownsampled;

    /// <summary>The kept points in arrival order (all of them for short series, a min/max envelope for long ones).</summary>
    public IReadOnlyList<SeriesPoint> Points() => _points.Snapshot();

    public void Add(in SeriesPoint point)
    {
        Count++;
        First ??= point;
        Last = point;
        _points.Add(point);
        var value = point.Value;
        if (!double.IsFinite(value))
        {
            FirstNonFinite ??= point;
            return;
        }

        FiniteCount++;
        var delta = value - _mean;
        _mean += delta / FiniteCount;
        _m2 += delta * (value - _mean);
        // The extremes' values are kept apart: reading Min.Value.Value copies the whole nullable point per sample.
        if (FiniteCount == 1 || value < _minValue)
        {
            Min = point;
            _minValue = value;
        }

        if (FiniteCount == 1 || value > _maxValue)
        {
            Max = point;
            _maxValue = value;
        }
    }
}
