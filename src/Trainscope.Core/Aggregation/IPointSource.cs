namespace Trainscope.Aggregation;

/// <summary>
/// Where a series gets the point of a value from, when it keeps one. A value read in order arrives as a point; a value
/// merged from a part's columns is built into one only when kept (a downsampled series keeps a bucket's extremes).
/// </summary>
internal interface IPointSource
{
    SeriesPoint Point(int index);
}

/// <summary>A point that already exists.</summary>
internal readonly ref struct OnePoint(ref readonly SeriesPoint point) : IPointSource
{
    private readonly ref readonly SeriesPoint _point = ref point;

    public SeriesPoint Point(int index) => _point;
}
