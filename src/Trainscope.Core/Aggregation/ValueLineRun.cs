using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// Tells the first values of a line and phase from more of them. A line carries 20 and more values that share its
/// position, time and rank, so progress and a rank's position see the line once, and the rest only counts records.
/// </summary>
internal struct ValueLineRun
{
    private long _line;
    private SourceInfo? _source;
    private Phase _phase;
    private int? _rank;

    public ValueLineRun()
    {
        _line = -1;
    }

    /// <summary>
    /// True when <paramref name="sample"/> (at <paramref name="line"/>) is not of the line and phase the last values
    /// were of; it is then the one remembered. Samples other than points never continue a run.
    /// </summary>
    public bool Begins(in MetricSample sample, long line)
    {
        if (line == _line && ReferenceEquals(sample.Source, _source) && sample.Kind == SampleKind.Point
            && sample.Phase == _phase && sample.Rank == _rank)
        {
            return false;
        }

        (_line, _source, _phase, _rank) = (line, sample.Kind == SampleKind.Point ? sample.Source : null, sample.Phase, sample.Rank);
        return true;
    }

    /// <summary>Carries on from a part's run, its lines numbered <paramref name="lineShift"/> further on.</summary>
    public void CarryOn(in ValueLineRun part, long lineShift)
    {
        if (part._line >= 0)
        {
            this = part;
            _line += lineShift;
        }
    }
}
