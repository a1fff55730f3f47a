using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// The values of one series in a part read on its own, as columns: the value, the printed average and the line they
/// came from (an index into the part's line heads, which hold source, line, time and position once per line). Twenty
/// bytes a value instead of a 64-byte point; the points are built at the merge, and only those a series keeps.
/// </summary>
internal sealed class PartColumn
{
    private const int HasAverage = 1 << 31;
    private double[] _values = new double[64];
    private double[] _averages = new double[64];
    private int[] _heads = new int[64];

    public int Count { get; private set; }

    public void Add(double value, double? average, int head)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
            Array.Resize(ref _averages, Count * 2);
            Array.Resize(ref _heads, Count * 2);
        }

        _values[Count] = value;
        _averages[Count] = average.GetValueOrDefault();
        _heads[Count] = average.HasValue ? head | HasAverage : head;
        Count++;
    }

    /// <summary>Empties the column for another series; the arrays are kept.</summary>
    public void Clear() => Count = 0;

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    /// <summary>The point of value <paramref name="i"/>: <paramref name="step"/> as its series numbers it.</summary>
    public SeriesPoint Point(int i, long step, ReadOnlySpan<MetricSample> heads, long lines)
    {
        var entry = _heads[i];
        ref readonly var head = ref heads[entry & ~HasAverage];
        double? average = (entry & HasAverage) != 0 ? _averages[i] : null;
        return new SeriesPoint(step, _values[i], average, head.Position.Epoch, head.Timestamp, head.Source, head.Line + lines, head.Offset);
    }

    /// <summary>The index of the line head value <paramref name="i"/> came from.</summary>
    public int HeadIndex(int i) => _heads[i] & ~HasAverage;

    /// <summary>The line head value <paramref name="i"/> came from.</summary>
    public ref readonly MetricSample Head(int i, ReadOnlySpan<MetricSample> heads) => ref heads[_heads[i] & ~HasAverage];
}
