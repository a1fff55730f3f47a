using System.Runtime.CompilerServices;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// The values of one series in a part read on its own: per value the number, the printed average and the line it came
/// from (an index into the part's line heads, which hold source, line, time and position once per line). Twenty-four
/// bytes a value, written as one stream, instead of a 64-byte point; the points are built at the merge, and only those a
/// series keeps.
/// </summary>
internal sealed class PartColumn
{
    private const int HasAverage = 1 << 31;
    private Entry[] _entries = new Entry[64];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value, double? average, int head)
    {
        if (Count == _entries.Length)
        {
            Grow();
        }

        ref var entry = ref _entries[Count++];
        entry.Value = value;
        entry.Average = average.GetValueOrDefault();
        entry.Head = average.HasValue ? head | HasAverage : head;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _entries, _entries.Length * 2);

    /// <summary>Empties the column for another series; the array is kept.</summary>
    public void Clear() => Count = 0;

    /// <summary>The entries in order; their <see cref="Entry.Value"/> is what a merge reads of most of them.</summary>
    public ReadOnlySpan<Entry> Values => _entries.AsSpan(0, Count);

    /// <summary>The index of the line head value <paramref name="i"/> came from.</summary>
    public int HeadIndex(int i) => _entries[i].Head & ~HasAverage;

    /// <summary>The point of value <paramref name="i"/>: <paramref name="step"/> as its series numbers it.</summary>
    public SeriesPoint Point(int i, long step, ReadOnlySpan<MetricSample> heads, long lines)
    {
        ref readonly var entry = ref _entries[i];
        ref readonly var head = ref heads[entry.Head & ~HasAverage];
        double? average = (entry.Head & HasAverage) != 0 ? entry.Average : null;
        return new SeriesPoint(step, entry.Value, average, head.Position.Epoch, head.Timestamp, head.Source, head.Line + lines, head.Offset);
    }

    internal struct Entry
    {
        public double Value;
        public double Average;
        public int Head;
    }
}
